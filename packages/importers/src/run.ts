import { canonicalDataset, validateRecordData, ValidationError } from '@steward/core';
import { buildProbe, judge } from './detect.ts';
import { ImportError, asImportError } from './errors.ts';
import { IMPORTERS, importerNamed } from './formats/index.ts';
import type { ImportContext, Importer } from './formats/importer.ts';
import { openContainer, type Container } from './io/container.ts';
import { prepareInput } from './io/input.ts';
import { resolveLimits } from './limits.ts';
import { currencyExponent } from './values/money.ts';
import { isValidTimeZone } from './values/time.ts';
import {
  CANONICAL_DATASET_NAMES,
  type CanonicalDatasetName,
  type DatasetTally,
  type Detection,
  type DroppedRow,
  type ExtraRows,
  type IgnoredFile,
  type ImportedRecord,
  type ImportInput,
  type ImportItem,
  type ImportOptions,
  type ImportSummary,
  type ImportWarning,
  type MoneyTotal,
} from './types.ts';

/**
 * One import in progress: iterate it for records and dropped rows (each once, in constant
 * memory), then read its summary (counts, periods, money totals, provenance, warnings).
 */
export interface ImportRun extends AsyncIterable<ImportItem> {
  readonly importer: { name: string; version: string; title: string };
  readonly detection: Detection;
  /** Totals so far; `complete` once iteration has finished. */
  summary(): ImportSummary & { complete: boolean };
}

const MAX_WARNINGS = 200;

function checkOptions(options: ImportOptions, file: string): void {
  const bad = (message: string) => new ImportError('invalid_option', { file }, message);
  if (options.timezone !== undefined && !isValidTimeZone(options.timezone)) throw bad(`"${options.timezone}" is not an IANA time zone`);
  if (options.currency !== undefined && currencyExponent(options.currency) === null) throw bad(`"${options.currency}" is not an ISO 4217 currency code`);
  if (options.dateOrder !== undefined && options.dateOrder !== 'MDY' && options.dateOrder !== 'DMY') throw bad('dateOrder must be MDY or DMY');
  if (options.onInvalidRow !== undefined && options.onInvalidRow !== 'fail' && options.onInvalidRow !== 'drop') throw bad('onInvalidRow must be fail or drop');
  if (options.importer !== undefined && !importerNamed(options.importer)) throw bad(`unknown importer "${options.importer}"; known: ${IMPORTERS.map((i) => i.name).join(', ')}`);
}

async function isEmpty(container: Container): Promise<boolean> {
  if (container.members.length === 0) return true;
  for (const m of container.members) {
    const head = await container.peek(m, 4096);
    if (head.toString('utf8').replace(/^\uFEFF/, '').trim() !== '') return false;
  }
  return true;
}

/** Opens an import: detects (or takes) the importer and readies the upload; nothing is read beyond detection yet. */
export async function openImport(input: ImportInput, givenOptions: ImportOptions = {}): Promise<ImportRun> {
  const options: ImportOptions = givenOptions ?? {};
  const name = typeof input?.name === 'string' && input.name ? input.name : 'upload';
  checkOptions(options, name);
  const limits = resolveLimits(options.limits);
  const source = await prepareInput(input, limits);
  let container: Container;
  try {
    container = await openContainer(source, limits);
  } catch (error) {
    await source.dispose();
    throw asImportError(error, { file: source.name });
  }
  try {
    const empty = await isEmpty(container);
    let importer: Importer | null = null;
    let detection: Detection;
    const wanted = options.mapping ? 'generic' : options.importer;
    if (wanted) {
      importer = importerNamed(wanted)!;
      detection = { importer: importer.name, confidence: 1, reason: options.mapping ? 'a column mapping was given' : 'chosen by the caller', detected: '' };
      if (!empty) detection.detected = judge(await buildProbe(container)).detected;
    } else if (empty) {
      detection = { importer: null, confidence: 0, reason: 'the file is empty', detected: 'an empty file' };
    } else {
      detection = judge(await buildProbe(container));
      if (!detection.importer) {
        throw new ImportError('unsupported_format', { file: container.name }, `is not a supported format: found ${detection.detected}. Supported: ${IMPORTERS.filter((i) => i.name !== 'generic').map((i) => i.title).join('; ')}; or give a column mapping.`, { detected: detection.detected });
      }
      importer = importerNamed(detection.importer)!;
    }
    return new Run(container, importer, detection, options, empty);
  } catch (error) {
    await container.close();
    throw asImportError(error, { file: container.name });
  }
}

class Run implements ImportRun {
  readonly importer: { name: string; version: string; title: string };
  readonly detection: Detection;
  private readonly container: Container;
  private readonly impl: Importer | null;
  private readonly options: ImportOptions;
  private readonly empty: boolean;
  private started = false;
  private complete = false;
  private readonly counts = Object.fromEntries(CANONICAL_DATASET_NAMES.map((d) => [d, 0])) as Record<CanonicalDatasetName, number>;
  private readonly tallies = new Map<CanonicalDatasetName, { records: number; first: number; last: number }>();
  private readonly money = new Map<string, MoneyTotal>();
  private readonly droppedByReason = new Map<string, number>();
  private droppedTotal = 0;
  private readonly extras: ExtraRows[] = [];
  private readonly ignored: IgnoredFile[] = [];
  private readonly warnings = new Map<string, ImportWarning>();

  constructor(container: Container, impl: Importer | null, detection: Detection, options: ImportOptions, empty: boolean) {
    this.container = container;
    this.impl = impl;
    this.detection = detection;
    this.options = options;
    this.empty = empty;
    this.importer = impl ? { name: impl.name, version: impl.version, title: impl.title } : { name: 'none', version: '0', title: 'nothing to import' };
    this.ignored.push(...container.junk);
    if (empty) this.warn('no_rows', 'The file is empty: there is nothing to import.', container.name, null);
  }

  private warn(code: string, message: string, file: string | null, row: number | null): void {
    const key = `${code}|${file ?? ''}`;
    const w = this.warnings.get(key);
    if (w) w.count++;
    else if (this.warnings.size < MAX_WARNINGS) this.warnings.set(key, { code, message, file, count: 1, firstRow: row });
  }

  private context(): ImportContext {
    return {
      container: this.container,
      options: this.options,
      limits: resolveLimits(this.options.limits),
      warn: (code, message, at) => this.warn(code, message, at?.file ?? null, at?.row ?? null),
      extra: (file, kind, rows, note) => this.extras.push({ file, kind, rows, note }),
      ignore: (file, reason) => this.ignored.push({ file, reason }),
    };
  }

  private drop(d: DroppedRow): ImportItem {
    this.droppedTotal++;
    this.droppedByReason.set(d.reason, (this.droppedByReason.get(d.reason) ?? 0) + 1);
    return { kind: 'dropped', dropped: d };
  }

  private tally(r: ImportedRecord): void {
    this.counts[r.dataset]++;
    const t = r.occurredAt.getTime();
    const s = this.tallies.get(r.dataset);
    if (!s) this.tallies.set(r.dataset, { records: 1, first: t, last: t });
    else {
      s.records++;
      if (t < s.first) s.first = t;
      if (t > s.last) s.last = t;
    }
    const add = (field: string, kind: string | null) => {
      const amount = r.data[field];
      const currency = r.data.currency;
      if (typeof amount !== 'number' || typeof currency !== 'string') return;
      const key = `${r.dataset}|${field}|${kind ?? ''}|${currency}`;
      const m = this.money.get(key) ?? { dataset: r.dataset, field, kind, currency, lines: 0, total: 0 };
      m.lines++;
      m.total += amount;
      this.money.set(key, m);
    };
    if (r.dataset === 'pay_items') add('amount', String(r.data.kind));
    if (r.dataset === 'work_tasks') add('gross_fare', null);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<ImportItem> {
    if (this.started) throw new ImportError('read_failed', { file: this.container.name }, 'this import has already been read');
    this.started = true;
    const drop = this.options.onInvalidRow === 'drop';
    try {
      if (this.impl && !this.empty) {
        for await (const item of this.impl.run(this.context())) {
          if (item.kind === 'dropped') {
            yield this.drop({ file: item.file, row: item.row, reason: item.reason });
            continue;
          }
          let data;
          try {
            data = validateAgainst(item.dataset, item.data);
          } catch (error) {
            if (!(error instanceof ValidationError)) throw error;
            const issue = error.issues[0];
            const column = issue?.field.replace(/^data\./, '') ?? null;
            const reason = `${column ?? 'a field'} ${issue?.message ?? error.message}`;
            if (drop) {
              yield this.drop({ file: item.file, row: item.row, reason });
              continue;
            }
            throw new ImportError('invalid_value', { file: item.file, row: item.row, column }, `breaks the ${item.dataset} schema: ${error.issues.map((i) => `${i.field.replace(/^data\./, '')} ${i.message}`).join('; ')}`);
          }
          const record: ImportedRecord = { dataset: item.dataset, data, occurredAt: item.occurredAt, source: { file: item.file, row: item.row } };
          this.tally(record);
          yield { kind: 'record', record };
        }
      }
      const s = this.summary();
      const junk = new Set(this.container.junk.map((j) => j.file));
      if (!this.empty && s.noRows && this.ignored.some((i) => !junk.has(i.file))) {
        this.warn('nothing_found', `No file in the upload is one the ${this.importer.title} importer reads.`, this.container.name, null);
      }
      this.complete = true;
    } catch (error) {
      throw asImportError(error, { file: this.container.name });
    } finally {
      await this.container.close();
    }
  }

  summary(): ImportSummary & { complete: boolean } {
    const datasets: Partial<Record<CanonicalDatasetName, DatasetTally>> = {};
    for (const [d, s] of this.tallies) datasets[d] = { records: s.records, first: new Date(s.first).toISOString(), last: new Date(s.last).toISOString() };
    const records = Object.values(this.counts).reduce((a, b) => a + b, 0);
    const extraRows = this.extras.reduce((a, e) => a + e.rows, 0);
    return {
      complete: this.complete,
      importer: { name: this.importer.name, version: this.importer.version },
      detection: this.detection,
      files: this.container.digests(),
      counts: { ...this.counts },
      datasets,
      money: [...this.money.values()].sort((a, b) => `${a.dataset}${a.kind}${a.currency}`.localeCompare(`${b.dataset}${b.kind}${b.currency}`)),
      dropped: { total: this.droppedTotal, byReason: Object.fromEntries(this.droppedByReason) },
      extras: [...this.extras],
      ignored: [...this.ignored],
      warnings: [...this.warnings.values()],
      noRows: records + this.droppedTotal + extraRows === 0,
    };
  }
}

/** Core's canonical schema, not a copy of it, decides what a record may hold. */
function validateAgainst(dataset: CanonicalDatasetName, data: Record<string, unknown>) {
  return validateRecordData(canonicalDataset(dataset)!.schema, data);
}

/** Reads a whole import into memory: for previews and tests, not for very large files. */
export async function collectImport(input: ImportInput, options: ImportOptions = {}): Promise<{ records: ImportedRecord[]; dropped: DroppedRow[]; summary: ImportSummary }> {
  const run = await openImport(input, options);
  const records: ImportedRecord[] = [];
  const dropped: DroppedRow[] = [];
  for await (const item of run) {
    if (item.kind === 'record') records.push(item.record);
    else dropped.push(item.dropped);
  }
  const { complete: _complete, ...summary } = run.summary();
  return { records, dropped, summary };
}
