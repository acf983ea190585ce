import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@steward/store';
import { sql } from 'kysely';

/**
 * A grouped, member-bounded private query's exact aggregates (issue 7) through the store method
 * `read.gated.aggregateBounded` (what `runPrivateQuery` runs; the noise after it is microseconds)
 * against the same aggregate as plain SQL without privacy (one GROUP BY over the dataset's rows,
 * no member list, no bounds), in the same run on the same data, alternating, the fastest counting.
 * Embedded PGlite always; PostgreSQL too when STEWARD_BENCH_DATABASE_URL is set.
 * Sizes: BENCH_QUERY_ROWS (default 200,000), BENCH_QUERY_MEMBERS (rows / 50), BENCH_QUERY_RUNS (3).
 */

const TARGET = 1.5;
const CITIES = Array.from({ length: 20 }, (_, i) => `c${i}`);

const envInt = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a whole number ≥ 1, got ${v}`);
  return n;
};
const round = (x, digits = 2) => +x.toFixed(digits);
const progress = (msg) => process.stderr.write(`[bench query] ${msg}\n`);

function stopwatch() {
  const t = performance.now();
  const cpu = process.cpuUsage();
  return () => {
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
  };
}

/** Rows generated in the database: members skewed (every 10th row goes to one of 20 heavy members), some durations absent. */
async function load(kysely, datasetId, rows, members) {
  const chunk = 100_000;
  for (let from = 0; from < rows; from += chunk) {
    const to = Math.min(rows, from + chunk) - 1;
    await sql`
      insert into records (id, collective_id, dataset_id, member_id, data, source)
      select gen_random_uuid(), ${datasetId}::uuid, ${datasetId}::uuid,
        md5('m' || case when i % 10 = 0 then abs(hashint4(i)) % 20 else abs(hashint4(i)) % ${members}::int end)::uuid,
        jsonb_build_object(
          'city', 'c' || (abs(hashint4(i + 1)) % 20),
          'task_type', (array['trip', 'delivery', 'other'])[1 + abs(hashint4(i + 2)) % 3],
          'distance_m', abs(hashint4(i + 3)) % 30000,
          'duration_s', case when i % 17 = 0 then null else abs(hashint4(i + 4)) % 4000 end),
        'bench'
      from generate_series(${from}::int, ${to}::int) i`.execute(kysely);
  }
  await sql`analyze records`.execute(kysely);
  const { rows: ids } = await sql`select distinct member_id::text as m from records where dataset_id = ${datasetId}::uuid`.execute(kysely);
  return ids.map((r) => r.m);
}

/** The private query's store plan: per city, bounded rows, members, a clamped sum and a mean's centred sum. */
const plan = (datasetId) => ({
  datasetId,
  filters: [],
  groupBy: [{ field: 'city', domain: CITIES }],
  measures: [
    { measure: 'rows' },
    { measure: 'members' },
    { measure: 'sum', field: 'distance_m', grid: 100, lower: 0n, upper: 250n, centre: 0n },
    { measure: 'centred_sum', field: 'duration_s', grid: 60, lower: 0n, upper: 60n, centre: 30n },
    { measure: 'rows' },
  ],
  maxRowsPerMember: 10,
  maxPartitionsPerMember: 3,
});

/** The same aggregate without privacy: one GROUP BY, no member list, no bounds per member. */
const plain = (kysely, datasetId) =>
  sql`
    select data->>'city' as city, count(*) as n, count(distinct member_id) as members,
      sum(greatest(0, least(250, round((data->>'distance_m')::numeric / 100)))) as distance,
      sum(greatest(0, least(60, round((data->>'duration_s')::numeric / 60))) - 30) as duration
    from records
    where dataset_id = ${datasetId}::uuid and data->>'city' = any(${CITIES}::text[])
    group by 1`.execute(kysely);

async function measure(name, storeOptions, runs, rows, memberCount) {
  const store = await openStore(storeOptions);
  try {
    const datasetId = crypto.randomUUID();
    progress(`${name}: loading ${rows} rows`);
    const members = await load(store.kysely, datasetId, rows, memberCount);
    const p = plan(datasetId);
    const bounded = [];
    const baseline = [];
    let check;
    for (let r = 1; r <= runs; r++) {
      progress(`${name}: run ${r}/${runs}`);
      let stop = stopwatch();
      const res = await store.snapshot((read) => read.gated.aggregateBounded(p, members));
      bounded.push({ ...stop(), loadAverage: round(loadavg()[0]) });
      stop = stopwatch();
      const pl = await plain(store.kysely, datasetId);
      baseline.push({ ...stop(), loadAverage: round(loadavg()[0]) });
      check = { groups: res.groups.length, plainGroups: pl.rows.length, contributors: res.contributors.length };
    }
    if (check.groups !== CITIES.length || check.plainGroups !== CITIES.length) throw new Error(`expected ${CITIES.length} groups: ${JSON.stringify(check)}`);
    const fastest = (xs) => xs.reduce((a, b) => (b.ms < a.ms ? b : a));
    const b = fastest(bounded);
    const q = fastest(baseline);
    const { rows: v } = await sql`select version() as v`.execute(store.kysely);
    return {
      server: v[0].v.split(' on ')[0],
      members: members.length,
      contributors: check.contributors,
      bounded: { what: 'store.snapshot → read.gated.aggregateBounded(plan, all members)', ms: Math.round(b.ms), cpuMs: Math.round(b.cpuMs), runsMs: bounded.map((x) => Math.round(x.ms)), loadAverage: bounded.map((x) => x.loadAverage) },
      plain: { what: 'the same aggregate as one plain GROUP BY, no privacy', ms: Math.round(q.ms), cpuMs: Math.round(q.cpuMs), runsMs: baseline.map((x) => Math.round(x.ms)), loadAverage: baseline.map((x) => x.loadAverage) },
      ratio: round(b.ms / q.ms),
      // CPU of this process only: on PostgreSQL the server's work is not in it.
      cpuRatio: round(b.cpuMs / Math.max(1, q.cpuMs)),
      met: b.ms / q.ms <= TARGET,
    };
  } finally {
    if (storeOptions.schema) await sql`drop schema if exists ${sql.id(storeOptions.schema)} cascade`.execute(store.kysely).catch(() => {});
    await store.close();
  }
}

export async function benchQuery() {
  const rows = envInt('BENCH_QUERY_ROWS', 200_000);
  const memberCount = envInt('BENCH_QUERY_MEMBERS', Math.max(1, Math.round(rows / 50)));
  const runs = envInt('BENCH_QUERY_RUNS', 3);
  const dir = await mkdtemp(join(tmpdir(), 'steward-bench-query-'));
  try {
    const pglite = await measure('PGlite', { dataDir: join(dir, 'data') }, runs, rows, memberCount);
    const url = process.env.STEWARD_BENCH_DATABASE_URL;
    const postgres = url
      ? // Reached through STEWARD_BENCH_DATABASE_URL (not echoed in the command: it may hold a password).
        await measure('PostgreSQL', { databaseUrl: url, schema: `bench_query_${process.pid}` }, runs, rows, memberCount)
      : { skipped: 'STEWARD_BENCH_DATABASE_URL is not set' };
    return {
      name: 'query',
      what: 'a grouped private query (20 declared groups; bounded rows, members, a clamped sum, a centred sum; r = 10 rows, k = 3 groups per member) through the store method vs the same aggregate as plain SQL',
      rows,
      target: `bounded ≤ ${TARGET}× the plain aggregate`,
      pglite,
      postgres,
      met: pglite.met && (postgres.met ?? true),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
