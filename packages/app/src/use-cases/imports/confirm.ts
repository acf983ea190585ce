import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, ValidationError, type NewRecord } from '@steward/core';
import type { ImportedRecord, ImportInput } from '@steward/importers';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { startImport, type ImportChoices } from './run-import.ts';

const BATCH = 5_000;

/** JSON with object keys sorted, so equal contents give equal text (decimals allowed, unlike the log's encoder). */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${sortedJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Record identities within the member's dataset, for one import: the platform's own id where it
 * has one, else a digest of the content and how many times that content came before in this
 * file. The same row from the same or an overlapping export gets the same key, so importing it
 * again adds nothing; two identical lines in one export (a fare part paid twice in the same
 * second) stay two records.
 */
export function dedupKeys(): (record: ImportedRecord) => string {
  // Memory stays small on big files: 52 bits of each digest (a number), and counts only for
  // contents that repeat. Two different contents sharing 52 bits (odds about 1 in 10⁴ for a
  // million-line file) would give the second one a `#1` suffix: still a unique key.
  const seen = new Set<number>();
  const repeats = new Map<number, number>();
  return (record) => {
    const external = record.data.external_id;
    if (record.dataset === 'work_tasks' && typeof external === 'string' && external) return `id:${external}`;
    const hash = createHash('sha256').update(record.dataset).update('\0').update(sortedJson(record.data)).digest();
    const digest = hash.toString('base64url');
    const short = hash.readUIntBE(0, 6) * 16 + (hash[6]! >> 4);
    if (!seen.has(short)) {
      seen.add(short);
      return `sha256:${digest}`;
    }
    const n = (repeats.get(short) ?? 0) + 1;
    repeats.set(short, n);
    return `sha256:${digest}#${n}`;
  };
}

/**
 * Stores an export's records for the member, in one transaction with its log entry (rule T1):
 * a bad file or a failure part-way stores nothing. Records already held are skipped.
 */
export async function confirmImport(deps: Deps, input: { actor: Actor | null; slug: string; file: ImportInput; choices: ImportChoices }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'records.own.import');
  const datasets = new Map((await deps.store.read.datasets.list(collective.id)).filter((d) => d.canonical).map((d) => [d.canonical!, d]));
  const run = await startImport(input.file, input.choices);
  const dedupKey = dedupKeys();
  const importId = randomUUID();
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const perDataset: Record<string, { added: number; duplicates: number }> = {};
    const insert = async (rows: Array<{ dataset: string; record: NewRecord }>) => {
      const byDataset = new Map<string, NewRecord[]>();
      for (const { dataset, record } of rows) {
        const list = byDataset.get(dataset);
        if (list) list.push(record);
        else byDataset.set(dataset, [record]);
      }
      for (const [name, list] of byDataset) {
        const added = await tx.records.insertMany(list);
        const tally = (perDataset[name] ??= { added: 0, duplicates: 0 });
        tally.added += added;
        tally.duplicates += list.length - added;
      }
    };
    // One batch is written while the next is parsed: the database (a worker thread or a server)
    // and the parser (this thread) work at the same time, and at most two batches are in memory.
    let batch: Array<{ dataset: string; record: NewRecord }> = [];
    let inFlight: Promise<void> | null = null;
    const flush = async () => {
      if (inFlight) await inFlight;
      inFlight = null;
      if (batch.length === 0) return;
      const rows = batch;
      batch = [];
      inFlight = insert(rows);
      // Awaited at the next flush; this only keeps a failure from surfacing as unhandled before then.
      inFlight.catch(() => {});
    };
    try {
      for await (const item of run) {
        if (item.kind !== 'record') continue;
        const r = item.record;
        const dataset = datasets.get(r.dataset);
        if (!dataset) {
          throw new ValidationError([{ field: r.dataset, message: `this collective has no ${r.dataset} dataset yet; ask a steward to add it, then import again` }]);
        }
        batch.push({
          dataset: r.dataset,
          record: {
            id: randomUUID(),
            collectiveId: collective.id,
            datasetId: dataset.id,
            memberId: actor.userId,
            data: r.data,
            occurredAt: r.occurredAt,
            source: `import:${run.importer.name}`,
            importId,
            dedupKey: dedupKey(r),
          },
        });
        if (batch.length >= BATCH) await flush();
      }
      await flush();
      await flush();
    } catch (error) {
      // Let a write still running finish before the transaction rolls back on the same connection.
      // (The cast: TypeScript cannot see that `flush` assigns it.)
      await (inFlight as Promise<void> | null)?.catch(() => {});
      throw error;
    }
    const summary = run.summary();
    if (summary.noRows) throw new ConflictError('import_empty', 'The file holds no rows to import.');
    const added = Object.values(perDataset).reduce((n, t) => n + t.added, 0);
    const duplicates = Object.values(perDataset).reduce((n, t) => n + t.duplicates, 0);
    const upload = summary.files.find((f) => f.role === 'upload') ?? summary.files[0];
    const logIndex = await appendLog(tx, collective.id, now, [
      {
        type: 'records.imported',
        actorUserId: actor.userId,
        subjectUserId: actor.userId,
        refs: { import: importId, importer: run.importer.name, importerVersion: run.importer.version },
        counts: { records: added, duplicates, dropped: summary.dropped.total },
        ...(upload ? { digests: { upload: upload.sha256 } } : {}),
      },
    ]);
    return { importId, added, duplicates, dropped: summary.dropped.total, datasets: perDataset, logIndex };
  });
}
