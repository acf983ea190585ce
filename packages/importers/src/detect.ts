import { headerOf, sniffDelimiter } from './io/csv.ts';
import { openContainer, type Container } from './io/container.ts';
import { prepareInput } from './io/input.ts';
import { asImportError } from './errors.ts';
import { headText } from './formats/common.ts';
import { IMPORTERS } from './formats/index.ts';
import type { Probe, ProbeFile } from './formats/importer.ts';
import { resolveLimits, type ImportLimits } from './limits.ts';
import type { Detection, ImportInput } from './types.ts';

const PEEK_BYTES = 16 * 1024;
const MAX_PEEKS = 200;
const TEXTUAL = /\.(csv|tsv|txt|json)$/i;

/** Reads the start of each (textual) file of the upload, for the importers to judge. */
export async function buildProbe(container: Container): Promise<Probe> {
  const files: ProbeFile[] = [];
  let peeks = 0;
  for (const member of container.members) {
    let head: string | null = null;
    if (container.kind === 'file' || (TEXTUAL.test(member.path) && peeks < MAX_PEEKS)) {
      peeks++;
      head = headText(await container.peek(member, PEEK_BYTES));
    }
    files.push({ member, head });
  }
  return { container: container.kind, name: container.name, files };
}

function describeText(head: string): string {
  const t = head.trimStart();
  if (t === '') return 'an empty file';
  if (t.startsWith('{') || t.startsWith('[')) {
    const keys = [...t.slice(0, 2000).matchAll(/"([^"\\]{1,40})"\s*:/g)].map((m) => m[1]).slice(0, 6);
    return `JSON${keys.length ? ` (keys: ${[...new Set(keys)].join(', ')})` : ''}`;
  }
  const delimiter = sniffDelimiter(t);
  const header = headerOf(t, delimiter);
  const name = delimiter === '\t' ? 'tab' : delimiter;
  const shown = header.slice(0, 12).join(', ');
  return `CSV (delimiter "${name}", ${header.length} columns: ${shown}${header.length > 12 ? ', …' : ''})`;
}

/** What the content looks like, for "not a supported format" messages. */
export function describeProbe(probe: Probe): string {
  if (probe.container === 'file') {
    const head = probe.files[0]?.head;
    return head === null || head === undefined ? 'a binary file' : describeText(head);
  }
  const names = probe.files.map((f) => f.member.path);
  const shown = names.slice(0, 8).join(', ');
  return `a zip with ${names.length} file${names.length === 1 ? '' : 's'}${names.length ? `: ${shown}${names.length > 8 ? ', …' : ''}` : ''}`;
}

/** Asks every importer about the probe and keeps the most confident. */
export function judge(probe: Probe): Detection {
  const detected = describeProbe(probe);
  let best: Detection = { importer: null, confidence: 0, reason: 'no importer recognises this content', detected };
  for (const importer of IMPORTERS) {
    const verdict = importer.detect(probe);
    if (verdict && verdict.confidence > best.confidence) best = { importer: importer.name, confidence: verdict.confidence, reason: verdict.reason, detected };
  }
  return best;
}

/**
 * Which importer fits a file, judged from its content (CSV headers and column sets, JSON keys,
 * zip member names matched by name rather than number), never from its name alone. A stream
 * input is consumed by this call.
 */
export async function detectFormat(file: ImportInput, options: { limits?: Partial<ImportLimits> } = {}): Promise<Detection> {
  const limits = resolveLimits(options.limits);
  const source = await prepareInput(file, limits);
  let container: Container | null = null;
  try {
    container = await openContainer(source, limits);
    return judge(await buildProbe(container));
  } catch (error) {
    throw asImportError(error, { file: source.name });
  } finally {
    if (container) await container.close();
    else await source.dispose();
  }
}
