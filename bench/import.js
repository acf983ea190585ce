import { randomUUID } from 'node:crypto';
import { createReadStream, openAsBlob } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { createApp } from '@steward/app';
import { generateSignerKey } from '@steward/core';
import { openImport } from '@steward/importers';
import { fileKeyStore, openStore } from '@steward/store';
import { sql } from 'kysely';
import { copyField, TRIPS_ZONE, writeTripsCsv } from './import-data.js';
// The app's own dedup key, so the bulk-loaded rows are the rows the import stores.
import { dedupKeys } from '../packages/app/src/use-cases/imports/confirm.ts';
// The embedded store's worker client, wrapped during the end-to-end run to time the database round trips.
import { PgliteWorkerClient } from '../packages/store/src/pglite/client.ts';

/**
 * Importing a big Uber trips file (US snake_case layout), all in one run so the ratios compare
 * like with like:
 * - parse only (the floor): `openImport` over the file, every item read and thrown away;
 * - end to end: `app.confirmImport` on a fresh embedded store (collective, canonical datasets,
 *   the steward as the importing member), i.e. parse, records with dedup keys, `insertMany` in
 *   one transaction, the log entry;
 * - bulk load: the same canonical records (from a second parse pass, built as confirmImport
 *   builds them) written as COPY text files, then `COPY records … FROM '/dev/blob'` on a fresh
 *   PGlite migrated by the store, in one transaction; the rows are checked to be the same.
 * PostgreSQL as well when STEWARD_BENCH_DATABASE_URL is set and pg-copy-streams is installed.
 * Each PGlite measurement runs BENCH_IMPORT_RUNS times (2), alternating; the fastest counts.
 * Sizes: BENCH_IMPORT_ROWS (default 1,000,000), BENCH_IMPORT_SEED (1), BENCH_IMPORT_COPY_ROWS
 * (rows per COPY statement, 100,000).
 */

const TARGET = 2;
const FILE_NAME = 'driver_lifetime_trips-0.csv';
const BATCH = 5_000; // as confirmImport batches
const COLUMNS = 'id, collective_id, dataset_id, member_id, data, occurred_at, source, import_id, dedup_key';
// Order-free digest of what both paths must have stored alike (ids and import ids differ by design).
const CHECKSUM = `select count(*)::int as n, coalesce(sum(hashtext(dedup_key || '|' || data::text || '|' || coalesce(extract(epoch from occurred_at)::text, '') || '|' || source)::bigint), 0)::text as h from records`;

const envInt = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${v}`);
  return n;
};
const round = (x, digits = 1) => +x.toFixed(digits);
const mib = (bytes) => round(bytes / 2 ** 20);
const rate = (rows, ms) => Math.round(rows / (ms / 1000));
const progress = (msg) => process.stderr.write(`[bench import] ${msg}\n`);

/** Runs `fn`, sampling the process's resident memory (main thread and PGlite worker alike). */
async function phase(name, fn) {
  progress(name);
  const start = process.memoryUsage.rss();
  const load = loadavg()[0];
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 100);
  timer.unref();
  try {
    const result = await fn();
    return {
      ...result,
      loadAverage: [round(load, 2), round(loadavg()[0], 2)],
      rssAtStartMiB: mib(start),
      peakRssMiB: mib(Math.max(peak, process.memoryUsage.rss())),
    };
  } finally {
    clearInterval(timer);
  }
}

/**
 * Wall time, and CPU time of all the process's threads (main and PGlite worker): CPU time is less
 * sensitive than wall time to other work on a shared machine (the load averages say how shared).
 */
function stopwatch() {
  const t = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
  };
}

const importOptions = { timezone: TRIPS_ZONE, onInvalidRow: 'drop' }; // what confirmImport passes

/** The floor: the importer alone, every item read and dropped on the floor. */
async function parseOnly(file) {
  const stop = stopwatch();
  const run = await openImport({ name: FILE_NAME, path: file }, importOptions);
  let records = 0;
  let dropped = 0;
  for await (const item of run) {
    if (item.kind === 'record') records++;
    else dropped++;
  }
  return { ...stop(), records, dropped, importer: run.importer.name };
}

/** Wraps a store so the transaction's record inserts and log appends are timed. */
function timedStore(store, times) {
  const timed = (fn, key) =>
    async (...args) => {
      const t = performance.now();
      try {
        return await fn(...args);
      } finally {
        times[key] += performance.now() - t;
        times[`${key}Calls`]++;
      }
    };
  return {
    ...store,
    async transact(fn) {
      const t = performance.now();
      try {
        return await store.transact(async (tx) => {
          const body = performance.now();
          try {
            return await fn({
              ...tx,
              records: { ...tx.records, insertMany: timed(tx.records.insertMany, 'insertMany') },
              collectives: { ...tx.collectives, logSalt: timed(tx.collectives.logSalt, 'log') },
              log: { ...tx.log, append: timed(tx.log.append, 'log') },
            });
          } finally {
            times.txBody += performance.now() - body;
          }
        });
      } finally {
        times.tx += performance.now() - t;
      }
    },
  };
}

/** Times every round trip to the PGlite worker (structured clone there and back plus the SQL). */
function timeWorkerQueries(times) {
  const query = PgliteWorkerClient.prototype.query;
  PgliteWorkerClient.prototype.query = async function (text, parameters) {
    const t = performance.now();
    try {
      return await query.call(this, text, parameters);
    } finally {
      const key = /insert into records/.test(text) ? 'dbInsert' : 'dbOther';
      times[key] += performance.now() - t;
    }
  };
  return () => (PgliteWorkerClient.prototype.query = query);
}

/**
 * The real application path: a fresh store, `initCollective` (collective, steward who is also a
 * member, canonical datasets), then `confirmImport` of the file as that member.
 */
async function endToEnd(file, storeOptions, dir) {
  const base = await openStore(storeOptions);
  const times = { insertMany: 0, insertManyCalls: 0, log: 0, logCalls: 0, dbInsert: 0, dbOther: 0, tx: 0, txBody: 0 };
  const store = timedStore(base, times);
  const app = createApp({
    store,
    keys: fileKeyStore(join(dir, 'keys'), (name) => generateSignerKey(name)),
    // A cheap password hash: the steward's sign-in is not what is measured.
    config: { passwordCost: { logN: 10, r: 8, p: 1 } },
  });
  try {
    const email = 'steward@bench.example';
    const init = await app.initCollective({ slug: 'bench', name: 'Import benchmark', kind: 'cooperative', steward: { email, password: 'bench-import-password-1' } });
    const userId = (await base.read.users.byEmail(email)).id;
    const datasets = (await base.read.datasets.list(init.collective.id)).filter((d) => d.canonical);
    for (const k of Object.keys(times)) times[k] = 0;
    const restore = base.kind === 'pglite' ? timeWorkerQueries(times) : () => {};
    let result;
    let took;
    const stop = stopwatch();
    try {
      result = await app.confirmImport({ actor: { userId, via: 'session' }, slug: 'bench', file: { name: FILE_NAME, path: file }, choices: { timezone: TRIPS_ZONE } });
      took = stop();
    } finally {
      restore();
    }
    const { rows } = await sql.raw(CHECKSUM).execute(base.kysely);
    return {
      ...took,
      result,
      times,
      checksum: rows[0],
      ids: { collectiveId: init.collective.id, datasetId: datasets.find((d) => d.canonical === 'work_tasks').id, memberId: userId },
    };
  } finally {
    await base.close();
  }
}

/**
 * The bulk load's input: a second parse pass building each record as confirmImport does (random
 * id, dedup key, batches of 5,000), written as COPY text files of `copyRows` rows each. Timed in
 * parts, for the profile: building vs serialising vs writing.
 */
async function writeCopyFiles(file, dir, ids, copyRows) {
  await mkdir(dir, { recursive: true });
  const t = performance.now();
  const run = await openImport({ name: FILE_NAME, path: file }, importOptions);
  const importId = randomUUID();
  const source = `import:${run.importer.name}`;
  const dedupKey = dedupKeys();
  const files = [];
  let bytes = 0;
  let rows = 0;
  let buildMs = 0;
  let serializeMs = 0;
  let writeMs = 0;
  let text = '';
  let inText = 0;
  let batch = [];
  const flushText = async () => {
    const w = performance.now();
    const path = join(dir, `records-${String(files.length).padStart(4, '0')}.tsv`);
    await writeFile(path, text);
    files.push({ path, rows: inText });
    bytes += Buffer.byteLength(text);
    text = '';
    inText = 0;
    writeMs += performance.now() - w;
  };
  const serialize = async () => {
    // Built here, timed apart from the parse: records exactly as confirmImport makes them.
    const b = performance.now();
    const built = batch.map((r) => ({ id: randomUUID(), ...ids, data: r.data, occurredAt: r.occurredAt, source, importId, dedupKey: dedupKey(r) }));
    buildMs += performance.now() - b;
    const s = performance.now();
    for (const r of built) {
      text +=
        `${r.id}\t${r.collectiveId}\t${r.datasetId}\t${r.memberId}\t${copyField(JSON.stringify(r.data))}\t` +
        `${r.occurredAt?.toISOString() ?? '\\N'}\t${copyField(r.source)}\t${copyField(r.importId)}\t${copyField(r.dedupKey)}\n`;
    }
    inText += batch.length;
    rows += batch.length;
    batch = [];
    serializeMs += performance.now() - s;
    if (inText >= copyRows) await flushText();
  };
  for await (const item of run) {
    if (item.kind !== 'record') continue;
    const r = item.record;
    if (r.dataset !== 'work_tasks') throw new Error(`unexpected ${r.dataset} record`);
    batch.push(r);
    if (batch.length >= BATCH) await serialize();
  }
  if (batch.length) await serialize();
  if (inText) await flushText();
  const ms = performance.now() - t;
  return { ms, buildMs, serializeMs, writeMs, rows, bytes, files };
}

/** PGlite's bulk path: the store's schema (its migrations, on a fresh folder), then COPY from blobs. */
async function bulkPglite(dir, files) {
  const dataDir = join(dir, 'data');
  await (await openStore({ dataDir })).close();
  const pg = new PGlite(join(dataDir, 'pgdata'));
  await pg.waitReady;
  try {
    const stop = stopwatch();
    await pg.exec('begin');
    let rows = 0;
    for (const f of files) {
      const res = await pg.query(`copy records (${COLUMNS}) from '/dev/blob'`, [], { blob: await openAsBlob(f.path) });
      rows += res.affectedRows ?? 0;
    }
    await pg.exec('commit');
    const took = stop();
    const { rows: sums } = await pg.query(CHECKSUM);
    return { ...took, rows, checksum: sums[0] };
  } finally {
    await pg.close();
  }
}

/** PostgreSQL's bulk path: the store's schema in a scratch schema, then COPY … FROM STDIN. */
async function bulkPostgres(databaseUrl, schema, files, copyFrom) {
  await (await openStore({ databaseUrl, schema })).close();
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl, options: `-c search_path=${schema}` });
  await client.connect();
  try {
    const stop = stopwatch();
    await client.query('begin');
    for (const f of files) await pipeline(createReadStream(f.path), client.query(copyFrom(`copy records (${COLUMNS}) from stdin`)));
    await client.query('commit');
    const took = stop();
    const { rows: sums } = await client.query(CHECKSUM);
    return { ...took, rows: sums[0].n, checksum: sums[0] };
  } finally {
    await client.end();
  }
}

async function dropSchemas(databaseUrl, schemas) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const s of schemas) await client.query(`drop schema if exists ${s} cascade`);
  } finally {
    await client.end();
  }
}

const sameRows = (a, b) => a.n === b.n && a.h === b.h;

/** Where the end-to-end time went, from the timers and the separate passes. */
function profile(floor, e2e, prep, bulk) {
  const t = e2e.times;
  const insertJs = t.insertMany - t.dbInsert;
  const rest = t.txBody - t.insertMany - t.log;
  return {
    what: 'end-to-end ms split: insertMany and the log append are timed inside the transaction; the rest of its body is the importer and record building (one thread, awaited in turn, so the parts add up)',
    beforeTransactionMs: Math.round(e2e.ms - t.tx),
    beginAndCommitMs: Math.round(t.tx - t.txBody),
    parseAndRecordBuildingMs: Math.round(rest),
    ofWhichParseFloorMs: Math.round(floor.ms),
    ofWhichRecordBuildingMs: Math.round(prep.buildMs),
    ofWhichOtherMs: Math.round(rest - floor.ms - prep.buildMs),
    other: 'the rest: the importer running slower inside the import than alone (GC and caches shared with the inserts) and the loop itself; negative on small files, where the cold first floor run is slower',
    recordBuildingMeasuredBy: 'records built as confirmImport builds them (random id, dedup key), timed per 5,000-row batch in the COPY files pass',
    insertManyMs: Math.round(t.insertMany),
    insertManyCalls: t.insertManyCalls,
    ...(t.dbInsert
      ? {
          ofWhichWorkerRoundTripsMs: Math.round(t.dbInsert),
          ofWhichMainThreadJsMs: Math.round(insertJs),
          mainThreadJs: 'rows mapped to snake_case, JSON.stringify of each 5,000-row chunk, Kysely compile',
        }
      : {}),
    logAppendMs: Math.round(t.log),
    copyOfSameRowsMs: Math.round(bulk.ms),
    insertManyVsCopy: round(t.insertMany / bulk.ms, 2),
    shares: {
      parseAndBuild: round(rest / e2e.ms, 2),
      insertMany: round(t.insertMany / e2e.ms, 2),
      log: round(t.log / e2e.ms, 3),
      commit: round((t.tx - t.txBody) / e2e.ms, 3),
    },
  };
}

export async function benchImport() {
  const n = envInt('BENCH_IMPORT_ROWS', 1_000_000);
  const seed = envInt('BENCH_IMPORT_SEED', 1);
  const copyRows = envInt('BENCH_IMPORT_COPY_ROWS', 100_000);
  const runs = envInt('BENCH_IMPORT_RUNS', 2);
  const databaseUrl = process.env.STEWARD_BENCH_DATABASE_URL || '';
  const dir = await mkdtemp(join(tmpdir(), 'steward-bench-import-'));
  try {
    const file = join(dir, FILE_NAME);
    const gen = await phase(`writing ${n} trips to ${file}`, async () => writeTripsCsv(file, n, seed));

    // Each measurement `runs` times, alternating, keeping the fastest (as bench/log.js does): the
    // machines here are shared, and a neighbour's work can land in any one of them.
    const floorRuns = [];
    const e2eRuns = [];
    const bulkRuns = [];
    let prep = null;
    for (let r = 1; r <= runs; r++) {
      const floorRun = await phase(`parse only, the floor (run ${r}/${runs})`, () => parseOnly(file));
      if (floorRun.importer !== 'uber-driver') throw new Error(`the file was read by ${floorRun.importer}, not uber-driver`);
      if (floorRun.records !== n || floorRun.dropped !== 0) throw new Error(`the importer read ${floorRun.records} records and dropped ${floorRun.dropped}; expected ${n} and 0`);
      progress(`  ${Math.round(floorRun.ms)} ms, ${rate(n, floorRun.ms)} rows/s`);
      floorRuns.push(floorRun);

      const e2eDir = join(dir, `e2e-${r}`);
      const e2eRun = await phase(`end to end on PGlite: app.confirmImport (run ${r}/${runs})`, () => endToEnd(file, { dataDir: join(e2eDir, 'data') }, e2eDir));
      await rm(e2eDir, { recursive: true, force: true });
      if (e2eRun.result.added !== n) throw new Error(`confirmImport added ${e2eRun.result.added}; expected ${n}`);
      progress(`  ${Math.round(e2eRun.ms)} ms, ${rate(n, e2eRun.ms)} rows/s`);
      e2eRuns.push(e2eRun);

      prep ??= await phase('preparing the COPY files (second parse pass, not part of any ratio)', () => writeCopyFiles(file, join(dir, 'copy'), e2eRun.ids, copyRows));
      const bulkDir = join(dir, `bulk-${r}`);
      const bulkRun = await phase(`bulk load on PGlite: COPY FROM '/dev/blob', ${prep.files.length} files of ≤${copyRows} rows, one transaction (run ${r}/${runs})`, () => bulkPglite(bulkDir, prep.files));
      await rm(bulkDir, { recursive: true, force: true });
      if (bulkRun.rows !== n) throw new Error(`COPY loaded ${bulkRun.rows}; expected ${n}`);
      if (!sameRows(bulkRun.checksum, e2eRun.checksum)) throw new Error(`the bulk-loaded rows differ from the imported ones: ${JSON.stringify(bulkRun.checksum)} vs ${JSON.stringify(e2eRun.checksum)}`);
      progress(`  ${Math.round(bulkRun.ms)} ms, ${rate(n, bulkRun.ms)} rows/s`);
      bulkRuns.push(bulkRun);
    }
    const fastest = (xs) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const floor = fastest(floorRuns);
    const e2e = fastest(e2eRuns);
    const bulk = fastest(bulkRuns);
    // Resident memory is the whole process's and is not given back between phases, so each run's
    // figure is its peak next to what the process held when it began.
    const allRuns = (xs) => ({
      runsMs: xs.map((x) => Math.round(x.ms)),
      runsCpuMs: xs.map((x) => Math.round(x.cpuMs)),
      runsRssMiB: xs.map((x) => ({ atStart: x.rssAtStartMiB, peak: x.peakRssMiB })),
    });

    const ratio = e2e.ms / bulk.ms;
    const figures = (x, xs) => ({
      ms: Math.round(x.ms),
      rowsPerSecond: rate(n, x.ms),
      cpuMs: Math.round(x.cpuMs),
      loadAverage: x.loadAverage,
      ...allRuns(xs),
    });
    const pglite = {
      endToEnd: {
        what: 'app.confirmImport: openImport, records with dedup keys, tx.records.insertMany in one transaction, log entry',
        ...figures(e2e, e2eRuns),
        added: e2e.result.added,
        duplicates: e2e.result.duplicates,
      },
      bulkLoad: {
        what: `COPY records FROM '/dev/blob' (text format) on a fresh PGlite with the store's schema and indexes, ${prep.files.length} statements of ≤${copyRows} rows in one transaction, blobs read from files`,
        ...figures(bulk, bulkRuns),
        copyTextMiB: mib(prep.bytes),
        sameRowsAsEndToEnd: true,
      },
      endToEndVsBulkLoad: round(ratio, 2),
      endToEndVsParseOnly: round(e2e.ms / floor.ms, 2),
      bulkLoadVsParseOnly: round(bulk.ms / floor.ms, 2),
      cpuTimeRatios: { endToEndVsBulkLoad: round(e2e.cpuMs / bulk.cpuMs, 2), endToEndVsParseOnly: round(e2e.cpuMs / floor.cpuMs, 2) },
      target: `end to end ≤ ${TARGET}× the bulk load`,
      met: ratio <= TARGET,
      profile: profile(floor, e2e, prep, bulk),
    };

    let postgres;
    if (!databaseUrl) postgres = { skipped: 'STEWARD_BENCH_DATABASE_URL is not set' };
    else {
      const copyFrom = await import('pg-copy-streams').then((m) => m.from ?? m.default?.from).catch(() => null);
      if (!copyFrom) postgres = { skipped: 'pg-copy-streams is not installed (COPY … FROM STDIN needs it); PostgreSQL not measured' };
      else {
        const schemas = [`bench_import_e2e_${process.pid}`, `bench_import_bulk_${process.pid}`];
        try {
          // Once each: PostgreSQL is a server of its own, not this process.
          const pgE2e = await phase('end to end on PostgreSQL', () => endToEnd(file, { databaseUrl, schema: schemas[0] }, join(dir, 'pg-e2e')));
          const pgPrep = await phase('preparing the COPY files for PostgreSQL', () => writeCopyFiles(file, join(dir, 'pg-copy'), pgE2e.ids, copyRows));
          const pgBulk = await phase('bulk load on PostgreSQL: COPY FROM STDIN', () => bulkPostgres(databaseUrl, schemas[1], pgPrep.files, copyFrom));
          if (!sameRows(pgBulk.checksum, pgE2e.checksum)) throw new Error('the bulk-loaded rows differ from the imported ones on PostgreSQL');
          postgres = {
            endToEnd: { ...figures(pgE2e, [pgE2e]), added: pgE2e.result.added },
            bulkLoad: { what: 'COPY records FROM STDIN (pg-copy-streams), one transaction', ...figures(pgBulk, [pgBulk]), sameRowsAsEndToEnd: true },
            endToEndVsBulkLoad: round(pgE2e.ms / pgBulk.ms, 2),
            endToEndVsParseOnly: round(pgE2e.ms / floor.ms, 2),
            target: `end to end ≤ ${TARGET}× the bulk load`,
            met: pgE2e.ms / pgBulk.ms <= TARGET,
            profile: profile(floor, pgE2e, pgPrep, pgBulk),
          };
        } finally {
          await dropSchemas(databaseUrl, schemas);
        }
      }
    }

    return {
      name: 'import',
      what: 'a generated Uber trips CSV (US snake_case layout) imported end to end vs the parse-only floor and the database’s own bulk load of the same rows',
      rows: n,
      seed,
      importer: floor.importer,
      file: { name: FILE_NAME, MiB: mib(gen.bytes), completed: gen.completed, cancelled: gen.cancelled, zone: TRIPS_ZONE },
      parseOnly: { what: 'openImport over the file, items read and discarded', ...figures(floor, floorRuns) },
      pglite,
      postgres,
      processPeakRssMiB: mib(process.resourceUsage().maxRSS * 1024),
      target: `end to end ≤ ${TARGET}× the bulk load`,
      met: pglite.met && (postgres.met ?? true),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
