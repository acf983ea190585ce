import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '@steward/store';
// The embedded store's worker client, wrapped below to see every statement an append sends.
import { PgliteWorkerClient } from '../packages/store/src/pglite/client.ts';

/**
 * Where the store path's time goes: `node bench/log-profile.js [entries] [batch]` appends like
 * bench/log.js and reports, per kind of SQL statement, how many were sent and the time spent
 * waiting for them, and the rest (JS on the main thread: canonical JSON, hashing, Kysely).
 * Not part of `npm run bench`; a tool for reading the log benchmark's store figures.
 */

const n = Number(process.argv[2] ?? 50_000);
const batch = Number(process.argv[3] ?? 1_000);
const COLLECTIVE = '0b5e55ed-0000-4000-8000-000000000002';

const stats = new Map();
let recording = false;
const query = PgliteWorkerClient.prototype.query;
PgliteWorkerClient.prototype.query = async function (sql, parameters) {
  if (!recording) return query.call(this, sql, parameters);
  const kind = sql.replace(/\s+/g, ' ').replace(/\(\$\d+[^)]*\)(, \(\$\d+[^)]*\))*/g, '(…)').replace(/in \([^)]*\)/g, 'in (…)').slice(0, 90);
  const t = performance.now();
  try {
    return await query.call(this, sql, parameters);
  } finally {
    const s = stats.get(kind) ?? { count: 0, ms: 0, params: 0 };
    s.count++;
    s.ms += performance.now() - t;
    s.params += parameters.length;
    stats.set(kind, s);
  }
};

const entry = (i) => ({
  v: 1,
  type: 'records.imported',
  time: new Date(Date.UTC(2026, 0, 5) + i * 1000).toISOString(),
  collective: COLLECTIVE,
  actor: 'system',
  subject: `p:${String(i).padStart(22, '0')}`,
  refs: { source: 'bench' },
  counts: { records: i % 997 },
});

const dir = await mkdtemp(join(tmpdir(), 'steward-bench-log-profile-'));
const store = await openStore({ dataDir: join(dir, 'data') });
try {
  await store.transact((tx) =>
    tx.collectives.create({ id: COLLECTIVE, slug: 'profile', name: 'Profile', kind: 'cooperative', description: '', createdAt: new Date(), logSalt: 'x' }),
  );
  recording = true;
  const t = performance.now();
  for (let i = 0; i < n; i += batch) {
    const entries = Array.from({ length: Math.min(batch, n - i) }, (_, k) => entry(i + k));
    await store.transact((tx) => tx.log.append(COLLECTIVE, entries));
  }
  const total = performance.now() - t;
  recording = false;
  const inSql = [...stats.values()].reduce((a, s) => a + s.ms, 0);
  const batches = Math.ceil(n / batch);
  console.log(`${n} appends, ${batch} per transaction: ${Math.round(total)} ms, ${Math.round(n / (total / 1000))} appends/s`);
  console.log(`waiting for SQL ${Math.round(inSql)} ms (${Math.round((100 * inSql) / total)}%), main thread ${Math.round(total - inSql)} ms`);
  console.log('statements per transaction, ms per transaction, parameters per statement:');
  for (const [kind, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${(s.count / batches).toFixed(1).padStart(6)} × ${(s.ms / batches).toFixed(1).padStart(7)} ms  ${String(Math.round(s.params / s.count)).padStart(6)} p  ${kind}`);
  }
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
