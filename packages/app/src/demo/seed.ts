import { randomBytes, randomUUID } from 'node:crypto';
import { CANONICAL_DATASETS, type Dataset, type NewRecord, type Role } from '@steward/core';
import type { Deps } from '../context.ts';
import { appendLog, type LogEvent } from '../log/append.ts';
import { hashPassword } from '../security/passwords.ts';
import { adoptFirstCharter } from '../use-cases/governance/first-charter.ts';
import { createLogKey } from '../use-cases/log/origin.ts';
import { seedDemoConsents } from './consents.ts';
import { DEMO_DEFAULTS, demoMembers, demoRecords, type DemoOptions } from './generate.ts';

/** The demo accounts' shared password: printed at start-up and in the README; demo mode only. */
export const DEMO_PASSWORD = 'steward-demo-2026';
export const DEMO_SLUG = 'demo';

/** The people who can sign in to the demo; the demo member is synthetic member 0, with data. */
export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; displayName: string; roles: Role[] }> = [
  { email: 'steward@demo.example', displayName: 'Sam Steward', roles: ['steward', 'member'] },
  { email: 'member@demo.example', displayName: 'Mina Member', roles: ['member'] },
  { email: 'requester@demo.example', displayName: 'Rae Researcher', roles: ['requester'] },
  { email: 'auditor@demo.example', displayName: 'Ade Auditor', roles: ['auditor'] },
];

const BATCH = 5_000;

/**
 * Seeds the demo collective — a drivers' cooperative with synthetic members and months of trips,
 * pay and hours — unless it exists. One transaction: a crash mid-seed leaves no half demo.
 */
export async function seedDemo(deps: Deps, options: DemoOptions = DEMO_DEFAULTS): Promise<{ created: boolean; members: number; records: number }> {
  if (await deps.store.read.collectives.bySlug(DEMO_SLUG)) return { created: false, members: 0, records: 0 };
  const now = deps.clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD, deps.config.passwordCost);
  const synthetic = demoMembers(options);
  const collectiveId = randomUUID();
  const keyEvent = await createLogKey(deps, { id: collectiveId, slug: DEMO_SLUG });
  return deps.store.transact(async (tx) => {
    const collective = {
      id: collectiveId,
      slug: DEMO_SLUG,
      name: 'Demo Drivers’ Cooperative',
      kind: 'cooperative' as const,
      description: 'A ride-hailing drivers’ cooperative with synthetic members and data, for trying Steward out.',
      createdAt: now,
    };
    await tx.collectives.create({ ...collective, logSalt: randomBytes(32).toString('base64url') });
    const events: LogEvent[] = [];
    const accountIds: string[] = [];
    for (const a of DEMO_ACCOUNTS) {
      const user = await tx.users.create({ id: randomUUID(), email: a.email, displayName: a.displayName, passwordHash });
      accountIds.push(user.id);
      for (const role of a.roles) {
        await tx.memberships.add({ collectiveId: collective.id, userId: user.id, role, joinedAt: now });
        events.push({ type: 'role.granted', actorUserId: 'system', subjectUserId: user.id, refs: { role } });
      }
    }
    events.unshift(
      { type: 'collective.created', actorUserId: accountIds[0]!, refs: { kind: collective.kind, demo: 'true' } },
      { ...keyEvent, actorUserId: 'system' },
    );
    // The drivers' cooperative starter, as for any new cooperative.
    events.push(await adoptFirstCharter(tx, { collectiveId: collective.id, kind: collective.kind, actorUserId: accountIds[0]!, now }));

    // Member 0 of the generator is the demo member who can sign in; the rest cannot.
    const memberIds = synthetic.map((m, i) => (i === 0 ? accountIds[1]! : randomUUID()));
    for (let i = 1; i < synthetic.length; i++) {
      const m = synthetic[i]!;
      await tx.users.create({ id: memberIds[i]!, email: m.email, displayName: m.displayName, passwordHash: null });
      await tx.memberships.add({ collectiveId: collective.id, userId: memberIds[i]!, role: 'member', joinedAt: now });
      events.push({ type: 'role.granted', actorUserId: 'system', subjectUserId: memberIds[i]!, refs: { role: 'member' } });
    }

    const datasets = new Map<string, Dataset>();
    for (const [i, c] of CANONICAL_DATASETS.entries()) {
      // A millisecond apart, so the datasets list in the order they are declared in.
      const createdAt = new Date(now.getTime() + i);
      const d: Dataset = { id: randomUUID(), collectiveId: collective.id, slug: c.canonical, name: c.name, description: c.description, schema: c.schema, canonical: c.canonical, createdAt };
      await tx.datasets.create(d);
      datasets.set(c.canonical, d);
      events.push({ type: 'dataset.declared', actorUserId: accountIds[0]!, refs: { dataset: d.id, slug: d.slug } });
    }

    const importId = randomUUID();
    const perMember = new Map<number, number>();
    let batch: NewRecord[] = [];
    let total = 0;
    for (const r of demoRecords(options)) {
      batch.push({
        id: randomUUID(),
        collectiveId: collective.id,
        datasetId: datasets.get(r.dataset)!.id,
        memberId: memberIds[r.member]!,
        data: r.data,
        occurredAt: r.occurredAt,
        source: 'demo',
        importId,
      });
      perMember.set(r.member, (perMember.get(r.member) ?? 0) + 1);
      if (batch.length >= BATCH) {
        await tx.records.insertMany(batch);
        total += batch.length;
        batch = [];
      }
    }
    if (batch.length) await tx.records.insertMany(batch);
    total += batch.length;
    for (const [member, count] of perMember) {
      events.push({ type: 'records.imported', actorUserId: 'system', subjectUserId: memberIds[member]!, refs: { import: importId, source: 'demo' }, counts: { records: count } });
    }
    await appendLog(tx, collective.id, now, events);
    await seedDemoConsents(deps, tx, { collective, datasets: [...datasets.values()], memberIds, now });
    return { created: true, members: synthetic.length, records: total };
  });
}
