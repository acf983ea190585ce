import { randomBytes, randomUUID } from 'node:crypto';
import type {
  Collective,
  ConsentScope,
  Dataset,
  Invitation,
  LogEntryBody,
  NewConsentRecord,
  NewRecord,
  Proposal,
  Repositories,
  Role,
  StoredCharter,
  User,
} from '@steward/core';

/** Unique-enough suffix so tests sharing one store never collide. */
export function tag(): string {
  return randomBytes(5).toString('hex');
}

export function ms(offset: number, base = Date.now()): Date {
  return new Date(base + offset);
}

export async function newUser(tx: Repositories, over: Partial<{ email: string; passwordHash: string | null }> = {}): Promise<User> {
  return tx.users.create({
    id: randomUUID(),
    email: over.email ?? `u-${tag()}@example.org`,
    displayName: 'Test Person',
    passwordHash: over.passwordHash ?? null,
  });
}

export async function newCollective(tx: Repositories, over: Partial<Collective> = {}): Promise<Collective> {
  const c: Collective = {
    id: randomUUID(),
    slug: `c-${tag()}`,
    name: 'Test Collective',
    kind: 'cooperative',
    description: 'for tests',
    createdAt: new Date(),
    ...over,
  };
  await tx.collectives.create({ ...c, logSalt: `salt-${tag()}` });
  return c;
}

export async function newDataset(tx: Repositories, collectiveId: string, over: Partial<Dataset> = {}): Promise<Dataset> {
  const d: Dataset = {
    id: randomUUID(),
    collectiveId,
    slug: `d_${tag()}`,
    name: 'Trips',
    description: 'trips',
    schema: {
      version: 1,
      fields: [
        { name: 'fare', type: 'money', category: 'pd:Income', groupable: false, required: true, description: 'fare', currencyField: 'currency', unit: 'minor' },
        { name: 'currency', type: 'string', category: 'pd:Income', groupable: true, required: true, description: '' },
      ],
    },
    canonical: null,
    createdAt: new Date(),
    ...over,
  };
  await tx.datasets.create(d);
  return d;
}

export function invitation(collectiveId: string, createdBy: string, over: Partial<Invitation> = {}): Invitation {
  const now = new Date();
  return {
    id: randomUUID(),
    collectiveId,
    role: 'member' as Role,
    tokenHash: `ih-${tag()}`,
    createdBy,
    createdAt: now,
    expiresAt: ms(7 * 86_400_000, now.getTime()),
    usedAt: null,
    usedBy: null,
    revokedAt: null,
    note: 'for the Tuesday meeting',
    ...over,
  };
}

export function record(collectiveId: string, datasetId: string, memberId: string, over: Partial<NewRecord> = {}): NewRecord {
  return {
    id: randomUUID(),
    collectiveId,
    datasetId,
    memberId,
    data: { fare: 1250, currency: 'EUR' },
    occurredAt: new Date('2024-03-01T08:30:00Z'),
    source: 'test',
    importId: null,
    ...over,
  };
}

export function entry(collectiveId: string, over: Partial<LogEntryBody> = {}): LogEntryBody {
  return { v: 1, type: 'test.happened', time: new Date().toISOString(), collective: collectiveId, actor: 'system', ...over };
}

export type ConsentToAppend = NewConsentRecord & { id: string; recordedAt: Date };

/** A consent decision of `memberId` over every dataset × purpose named (recipients: academics). */
export function consent(
  collectiveId: string,
  memberId: string,
  names: { datasets: string[]; purposes: string[] },
  over: Partial<ConsentToAppend> = {},
): ConsentToAppend {
  const scope: ConsentScope = {
    datasets: names.datasets.map((datasetId) => ({ datasetId })),
    purposes: names.purposes,
    recipients: [{ category: 'academic' }],
  };
  return {
    id: randomUUID(),
    collectiveId,
    memberId,
    scope,
    status: 'given',
    legalBasis: 'dpv:Consent',
    method: 'web',
    noticeDigest: randomBytes(32).toString('hex'),
    recordedAt: new Date(),
    expiresAt: null,
    reviewAt: null,
    inReplyTo: null,
    ...over,
  };
}

type Charter = StoredCharter['charter'];
type DecisionRule = NonNullable<Proposal['rule']>;

/** A simple majority with a quarter quorum over a week. */
export const MAJORITY: DecisionRule = { method: 'majority', quorum: { num: 1, den: 4 }, threshold: { num: 1, den: 2 }, votingPeriodDays: 7 };

/** A complete charter document (every field used), for round-trips. */
export function charterDoc(over: Partial<Charter> = {}): Charter {
  return {
    format: 1,
    kind: 'drivers_cooperative',
    title: 'Drivers’ data charter',
    preamble: 'We pool our trip data to see our real pay — and «decide» together who may learn from it.',
    rules: [
      { id: 'no-advertising', effect: 'prohibit', target: { purposes: ['dpv:Marketing'] }, reason: 'We do not sell our data for ads.' },
      {
        id: 'research',
        effect: 'vote',
        target: { purposes: ['dpv:ResearchAndDevelopment'], recipients: ['academic'], datasets: ['work_tasks'] },
        decision: 'access_request',
        constraints: { maxDurationDays: 365, minPriceMinor: 0, currency: 'EUR' },
        reason: 'Research is welcome when the members agree.',
      },
    ],
    otherwise: 'vote',
    minCohort: 10,
    privacy: { maxRhoMicroPerRequest: 250_000, maxRhoMicroPerMemberPerPeriod: 1_000_000, periodDays: 365 },
    priceFloors: [{ recipients: ['commercial'], currency: 'EUR', minPriceMinor: 50_000 }],
    decisions: {
      access_request: MAJORITY,
      charter_amendment: { method: 'supermajority', quorum: { num: 1, den: 2 }, threshold: { num: 2, den: 3 }, votingPeriodDays: 14 },
      revenue_distribution: { method: 'quadratic', quorum: { num: 1, den: 3 }, threshold: { num: 1, den: 2 }, votingPeriodDays: 7, voiceCredits: 100 },
      motion: { method: 'consent', quorum: { num: 0, den: 1 }, threshold: { num: 1, den: 2 }, votingPeriodDays: 3 },
    },
    vetoes: [{ holder: 'Health committee', members: { role: 'steward' }, kinds: ['access_request'], target: { datasets: ['health'] } }],
    delegation: { allowed: true },
    revenue: { rule: 'equal', treasuryShare: { num: 1, den: 10 } },
    ...over,
  };
}

/** A draft proposal (a motion) by `createdBy`. */
export function proposal(collectiveId: string, createdBy: string, over: Partial<Proposal> = {}): Proposal {
  return {
    id: randomUUID(),
    collectiveId,
    kind: 'motion',
    title: 'Publish our pay study',
    body: 'We should publish the pay study <b>before</b> the negotiation.',
    options: [],
    payload: {},
    status: 'draft',
    rule: null,
    charterVersion: null,
    createdBy,
    createdAt: new Date(),
    openedAt: null,
    closesAt: null,
    closedAt: null,
    result: null,
    ...over,
  };
}

/** A proposal open for voting until `closesAt` (a week from now unless given). */
export function openProposal(collectiveId: string, createdBy: string, over: Partial<Proposal> = {}): Proposal {
  const now = new Date();
  return proposal(collectiveId, createdBy, { status: 'open', rule: MAJORITY, charterVersion: 1, openedAt: now, closesAt: ms(7 * 86_400_000, now.getTime()), ...over });
}
