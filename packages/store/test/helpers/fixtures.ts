import { randomBytes, randomUUID } from 'node:crypto';
import type { Collective, ConsentScope, Dataset, Invitation, LogEntryBody, NewConsentRecord, NewRecord, Repositories, Role, User } from '@steward/core';

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
