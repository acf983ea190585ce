import { CANONICAL_DATASETS, type RecordData } from '@steward/core';
import type { DroppedRow, ImportInput } from '@steward/importers';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { startImport, type ImportChoices } from './run-import.ts';

const SAMPLE_SIZE = 5;
const DROPPED_EXAMPLES = 20;

/**
 * Reads an export through to the end and says what would be stored — counts and periods per
 * dataset, a sample, money totals, what was dropped and why — without storing anything.
 */
export async function previewImport(deps: Deps, input: { actor: Actor | null; slug: string; file: ImportInput; choices: ImportChoices }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'records.own.import');
  const declared = new Set((await deps.store.read.datasets.list(collective.id)).map((d) => d.canonical).filter(Boolean));
  const run = await startImport(input.file, input.choices);
  const samples = new Map<string, RecordData[]>();
  const dropped: DroppedRow[] = [];
  for await (const item of run) {
    if (item.kind === 'record') {
      const list = samples.get(item.record.dataset) ?? [];
      if (list.length < SAMPLE_SIZE) list.push(item.record.data);
      samples.set(item.record.dataset, list);
    } else if (dropped.length < DROPPED_EXAMPLES) dropped.push(item.dropped);
  }
  const summary = run.summary();
  return {
    importer: run.importer,
    detected: summary.detection.detected,
    files: summary.files.map((f) => ({ file: f.file, bytes: f.bytes, sha256: f.sha256 })),
    datasets: CANONICAL_DATASETS.filter((d) => (summary.counts[d.canonical as keyof typeof summary.counts] ?? 0) > 0).map((d) => {
      const tally = summary.datasets[d.canonical as keyof typeof summary.datasets];
      return {
        dataset: d.canonical as 'work_tasks' | 'pay_items' | 'time_segments' | 'location_points' | 'shifts',
        name: d.name,
        records: tally?.records ?? 0,
        first: tally?.first ?? null,
        last: tally?.last ?? null,
        sample: samples.get(d.canonical) ?? [],
        declared: declared.has(d.canonical),
      };
    }),
    money: summary.money,
    dropped: { total: summary.dropped.total, byReason: summary.dropped.byReason, examples: dropped },
    warnings: summary.warnings.map((w) => ({ code: w.code, message: w.message, file: w.file, count: w.count })),
    ignored: summary.ignored,
    noRows: summary.noRows,
  };
}

/** Checks that the actor may import into the collective, before a large upload is taken. */
export async function authorizeImport(deps: Deps, input: { actor: Actor | null; slug: string }): Promise<void> {
  await collectiveFor(deps.store.read, input.actor, input.slug, 'records.own.import');
}
