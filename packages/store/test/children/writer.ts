// Child process for the durability test: opens the embedded store in argv[2] and commits one
// record and one log entry per transaction, forever, printing `committed <id>` after each
// commit. Writes to a pipe are synchronous on Linux, so a printed id was really committed.
import { randomUUID } from 'node:crypto';
import { openStore } from '../../src/index.ts';

const store = await openStore({ dataDir: process.argv[2]! });
const collectiveId = randomUUID();
const datasetId = randomUUID();
const memberId = randomUUID();
await store.transact(async (tx) => {
  await tx.users.create({ id: memberId, email: `w-${memberId}@example.org`, displayName: 'W', passwordHash: null });
  await tx.collectives.create({ id: collectiveId, slug: `w-${collectiveId.slice(0, 8)}`, name: 'W', kind: 'union', description: '', createdAt: new Date(), logSalt: 's' });
  await tx.datasets.create({ id: datasetId, collectiveId, slug: 'trips', name: 'Trips', description: '', schema: { version: 1, fields: [] }, canonical: null, createdAt: new Date() });
});
process.stdout.write(`ready ${collectiveId}\n`);
for (;;) {
  const id = randomUUID();
  await store.transact(async (tx) => {
    await tx.records.insertMany([{ id, collectiveId, datasetId, memberId, data: { n: 1 }, occurredAt: new Date(), source: 'test', importId: null }]);
    await tx.log.append(collectiveId, [{ v: 1, type: 'records.imported', time: new Date().toISOString(), collective: collectiveId, actor: 'system', refs: { record: id } }]);
  });
  process.stdout.write(`committed ${id}\n`);
}
