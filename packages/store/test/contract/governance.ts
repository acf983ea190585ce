import { createHash, randomBytes, randomUUID } from 'node:crypto';
import {
  canonicalJson,
  ConflictError,
  NOTIFICATION_KINDS,
  NotFoundError,
  ValidationError,
  type Notification,
  type Proposal,
  type ProposalComment,
  type StoredBallot,
  type StoredCharter,
  type StoredDelegation,
  type StoredVeto,
} from '@steward/core';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { NOTIFY_CHUNK } from '../../src/repos/governance.ts';
import { charterDoc, MAJORITY, newCollective, newUser, openProposal, proposal } from '../helpers/fixtures.ts';
import type { ContractContext } from './context.ts';

type ProposalStatus = Proposal['status'];
type DecisionKind = Proposal['kind'];
type Choice = StoredBallot['choice'];
type Result = NonNullable<Proposal['result']>;

// Every value of core's lists, checked at compile time to be all of them: the schema's check
// constraints must accept each one (a new value there needs a migration).
const STATUSES = ['draft', 'open', 'closed', 'passed', 'rejected', 'vetoed', 'expired'] as const satisfies readonly ProposalStatus[];
const KINDS = ['access_request', 'charter_amendment', 'revenue_distribution', 'motion'] as const satisfies readonly DecisionKind[];
const allStatuses: [Exclude<ProposalStatus, (typeof STATUSES)[number]>] extends [never] ? true : never = true;
const allKinds: [Exclude<DecisionKind, (typeof KINDS)[number]>] extends [never] ? true : never = true;

const digestOf = (charter: StoredCharter['charter']) => createHash('sha256').update(canonicalJson(charter)).digest('hex');

const sleep = (millis: number) => new Promise((resolve) => setTimeout(resolve, millis));

/** The code of a ConflictError a promise rejects with (fails the test for anything else). */
async function conflictCode(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ConflictError);
  return (err as ConflictError).code;
}

const RESULT: Result = {
  outcome: 'passed',
  method: 'majority',
  electorate: 50,
  turnout: 20,
  quorumMet: true,
  counts: { yes: 14, no: 6, abstain: 0 },
  reasons: ['yes 14 of 20 (70%) > ½', 'quorum 20 of 50 ≥ 25%'],
};

export function governanceContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  async function setup() {
    return tx(async (r) => {
      const c = await newCollective(r);
      const steward = await newUser(r);
      const m1 = await newUser(r);
      const m2 = await newUser(r);
      const m3 = await newUser(r);
      return { c, steward, m1, m2, m3 };
    });
  }

  const stored = (collectiveId: string, version: number, over: Partial<StoredCharter> = {}): StoredCharter => {
    const charter = charterDoc({ title: `Charter v${version}` });
    return { collectiveId, version, charter, digest: digestOf(charter), adoptedAt: new Date(), proposalId: null, ...over };
  };

  describe('governance: charters', () => {
    it('adopts versions 1, 2, … and reads the current one and every version, oldest first; the charter round-trips', async () => {
      const { c, steward } = await setup();
      expect(await store.read.governance.currentCharter(c.id)).toBeUndefined();
      expect(await store.read.governance.charterVersions(c.id)).toEqual([]);
      const v1 = stored(c.id, 1, { adoptedAt: new Date('2025-01-02T03:04:05.678Z') });
      await tx((r) => r.governance.adoptCharter(v1));
      expect(await store.read.governance.currentCharter(c.id)).toEqual(v1);
      const amendment = openProposal(c.id, steward.id, { kind: 'charter_amendment', payload: { charter: charterDoc({ minCohort: 20 }) } });
      const v2 = stored(c.id, 2, { charter: charterDoc({ minCohort: 20 }), adoptedAt: new Date('2025-02-02T00:00:00.001Z'), proposalId: amendment.id });
      v2.digest = digestOf(v2.charter);
      await tx(async (r) => {
        await r.governance.createProposal(amendment);
        await r.governance.adoptCharter(v2);
      });
      const current = await store.read.governance.currentCharter(c.id);
      expect(current).toEqual(v2);
      expect(await store.read.governance.charterVersions(c.id)).toEqual([v1, v2]);
      // The document read back hashes to the digest that was logged (rule G3: anyone can recompute).
      expect(digestOf(current!.charter)).toBe(v2.digest);
      expect(canonicalJson(current!.charter)).toBe(canonicalJson(v2.charter));
      expect(await store.read.governance.currentCharter(randomUUID())).toBeUndefined();
      expect(await store.read.governance.charterVersions('nope')).toEqual([]);
    });

    it('refuses a version that is not current + 1 (charter_version)', async () => {
      const { c } = await setup();
      for (const version of [0, 2, -1, 1.5]) {
        expect(await conflictCode(tx((r) => r.governance.adoptCharter(stored(c.id, version))))).toBe('charter_version');
      }
      await tx((r) => r.governance.adoptCharter(stored(c.id, 1)));
      for (const version of [1, 3]) {
        expect(await conflictCode(tx((r) => r.governance.adoptCharter(stored(c.id, version))))).toBe('charter_version');
      }
      await tx((r) => r.governance.adoptCharter(stored(c.id, 2)));
      expect((await store.read.governance.charterVersions(c.id)).map((v) => v.version)).toEqual([1, 2]);
      // Versions count per collective.
      const other = await tx((r) => newCollective(r));
      await tx((r) => r.governance.adoptCharter(stored(other.id, 1)));
      expect((await store.read.governance.currentCharter(other.id))?.version).toBe(1);
    });

    it('two concurrent adoptions of the same next version: exactly one wins, the other gets charter_version', async () => {
      const { c } = await setup();
      await tx((r) => r.governance.adoptCharter(stored(c.id, 1)));
      for (let version = 2; version <= 4; version++) {
        const [a, b] = [stored(c.id, version, { digest: 'a'.repeat(64) }), stored(c.id, version, { digest: 'b'.repeat(64) })];
        const results = await Promise.allSettled(
          [a, b].map((s) =>
            tx(async (r) => {
              await r.governance.adoptCharter(s);
              // Hold the transaction open a moment so the two really overlap.
              await sleep(20);
            }),
          ),
        );
        expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
        const lost = results.find((x) => x.status === 'rejected');
        expect(lost?.reason).toBeInstanceOf(ConflictError);
        expect((lost?.reason as ConflictError).code).toBe('charter_version');
        const won = results[0]!.status === 'fulfilled' ? a : b;
        expect((await store.read.governance.currentCharter(c.id))?.digest).toBe(won.digest);
      }
      expect((await store.read.governance.charterVersions(c.id)).map((v) => v.version)).toEqual([1, 2, 3, 4]);
    });
  });

  describe('governance: proposals', () => {
    it('creates proposals and reads them back exactly; every kind and status is accepted', async () => {
      expect(allStatuses && allKinds).toBe(true);
      const { c, steward } = await setup();
      const full = openProposal(c.id, steward.id, {
        kind: 'revenue_distribution',
        options: [
          { id: 'a', label: 'Equal shares' },
          { id: 'b', label: 'By hours — «weighted»' },
        ],
        payload: { distributionId: randomUUID(), terms: { amountMinor: 1_234_567, currency: 'EUR', nested: [1, [2, null], { deep: true }] } },
        rule: { method: 'quadratic', quorum: { num: 1, den: 3 }, threshold: { num: 1, den: 2 }, votingPeriodDays: 7, voiceCredits: 100 },
        charterVersion: 3,
        createdAt: new Date('2025-03-01T10:00:00.123Z'),
        openedAt: new Date('2025-03-01T11:00:00.456Z'),
        closesAt: new Date('2025-03-08T11:00:00.789Z'),
        closedAt: new Date('2025-03-08T11:00:01.001Z'),
        result: { ...RESULT, method: 'quadratic', winners: ['b'], counts: { a: 12, b: 30 } },
      });
      const bare = proposal(c.id, steward.id);
      await tx(async (r) => {
        await r.governance.createProposal(full);
        await r.governance.createProposal(bare);
      });
      expect(await store.read.governance.proposal(c.id, full.id)).toEqual(full);
      expect(await store.read.governance.proposal(c.id, bare.id)).toEqual(bare);
      const got = await store.read.governance.proposal(c.id, bare.id);
      expect(got!.rule).toBeNull();
      expect(got!.result).toBeNull();
      expect(got!.createdAt).toBeInstanceOf(Date);
      // Another collective's id, unknown or malformed ids find nothing.
      expect(await store.read.governance.proposal(randomUUID(), full.id)).toBeUndefined();
      expect(await store.read.governance.proposal(c.id, randomUUID())).toBeUndefined();
      expect(await store.read.governance.proposal('x', 'y')).toBeUndefined();

      const each = [...KINDS.map((kind) => proposal(c.id, steward.id, { kind })), ...STATUSES.map((status) => proposal(c.id, steward.id, { status }))];
      await tx(async (r) => {
        for (const p of each) await r.governance.createProposal(p);
      });
      for (const p of each) expect(await store.read.governance.proposal(c.id, p.id)).toEqual(p);
    });

    it('a proposal the schema refuses fails its transaction', async () => {
      const { c, steward } = await setup();
      const bad: Proposal[] = [
        proposal(c.id, steward.id, { status: 'maybe' as never }),
        proposal(c.id, steward.id, { kind: 'coup' as never }),
        proposal(c.id, randomUUID()),
        proposal(randomUUID(), steward.id),
      ];
      for (const p of bad) await expect(tx((r) => r.governance.createProposal(p))).rejects.toThrow();
      expect((await store.read.governance.listProposals(c.id, {}, { limit: 10 })).items).toEqual([]);
    });

    it('lists newest first with a stable keyset cursor, optionally by status', async () => {
      const { c, steward } = await setup();
      const t = Date.parse('2025-05-01T00:00:00Z');
      const statuses: ProposalStatus[] = ['draft', 'open', 'passed', 'open', 'rejected', 'open', 'draft'];
      // Two pairs share a creation time, so ties are broken by id.
      const all = statuses.map((status, i) => proposal(c.id, steward.id, { status, createdAt: new Date(t + Math.floor(i / 2) * 1000) }));
      const elsewhere = await tx(async (r) => {
        for (const p of all) await r.governance.createProposal(p);
        const o = await newCollective(r);
        const p = proposal(o.id, steward.id);
        await r.governance.createProposal(p);
        return p;
      });
      const newestFirst = [...all].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
      const read = store.read.governance;
      expect((await read.listProposals(c.id, {}, { limit: 100 })).items).toEqual(newestFirst);
      expect((await read.listProposals(c.id, {}, { limit: 100 })).next).toBeNull();

      async function pages(filter: { statuses?: ProposalStatus[] }, limit: number) {
        const ids: string[] = [];
        let cursor: string | null = null;
        let n = 0;
        do {
          const page: Awaited<ReturnType<typeof read.listProposals>> = await read.listProposals(c.id, filter, { limit, cursor });
          expect(page.items.length).toBeLessThanOrEqual(limit);
          ids.push(...page.items.map((p) => p.id));
          cursor = page.next;
          n++;
        } while (cursor && n < 100);
        return { ids, n };
      }
      for (const limit of [1, 2, 3, 7]) {
        const got = await pages({}, limit);
        expect(got.ids).toEqual(newestFirst.map((p) => p.id));
        expect(got.n).toBe(Math.ceil(all.length / limit));
      }
      const open = newestFirst.filter((p) => p.status === 'open').map((p) => p.id);
      expect((await pages({ statuses: ['open'] }, 2)).ids).toEqual(open);
      expect((await pages({ statuses: ['draft', 'passed'] }, 1)).ids).toEqual(newestFirst.filter((p) => p.status === 'draft' || p.status === 'passed').map((p) => p.id));
      expect(await read.listProposals(c.id, { statuses: [] }, { limit: 10 })).toEqual({ items: [], next: null });
      expect(await read.listProposals(c.id, { statuses: ['expired'] }, { limit: 10 })).toEqual({ items: [], next: null });

      // A proposal created between pages does not shift the pages after the cursor.
      const first = await read.listProposals(c.id, {}, { limit: 3 });
      await tx((r) => r.governance.createProposal(proposal(c.id, steward.id, { createdAt: new Date(t + 60_000) })));
      const rest = await read.listProposals(c.id, {}, { limit: 100, cursor: first.next });
      expect([...first.items, ...rest.items]).toEqual(newestFirst);

      expect((await read.listProposals(elsewhere.collectiveId, {}, { limit: 10 })).items).toEqual([elsewhere]);
      expect(await read.listProposals('nope', {}, { limit: 10 })).toEqual({ items: [], next: null });
      for (const cursor of ['garbage', Buffer.from('["x","y"]').toString('base64url'), Buffer.from('[null]').toString('base64url')]) {
        await expect(read.listProposals(c.id, {}, { limit: 10, cursor })).rejects.toBeInstanceOf(ValidationError);
      }
      for (const limit of [0, -1, 1.5, 1001]) {
        await expect(read.listProposals(c.id, {}, { limit })).rejects.toBeInstanceOf(ValidationError);
      }
    });

    it('transition moves a proposal only from the status it is in, changing only the fields given', async () => {
      const { c, steward } = await setup();
      const p = proposal(c.id, steward.id, { createdAt: new Date('2025-06-01T00:00:00.001Z') });
      await tx((r) => r.governance.createProposal(p));
      const g = () => store.read.governance.proposal(c.id, p.id);

      // A draft is edited by a transition from draft to draft.
      const edit = { title: 'Publish the study', body: 'Now with figures.', options: [{ id: 'x', label: 'X' }], payload: { requestId: randomUUID() } };
      expect(await tx((r) => r.governance.transition(c.id, p.id, 'draft', 'draft', edit))).toBe(true);
      const edited = { ...p, ...edit };
      expect(await g()).toEqual(edited);

      const opening = { rule: MAJORITY, charterVersion: 2, openedAt: new Date('2025-06-02T08:00:00.001Z'), closesAt: new Date('2025-06-09T08:00:00.999Z') };
      expect(await tx((r) => r.governance.transition(c.id, p.id, 'open', 'closed', { closedAt: new Date() }))).toBe(false);
      expect(await tx((r) => r.governance.transition(c.id, p.id, 'draft', 'open', opening))).toBe(true);
      const opened = { ...edited, ...opening, status: 'open' as const };
      expect(await g()).toEqual(opened);
      // Not in draft any more; the wrong collective or malformed ids change nothing.
      expect(await tx((r) => r.governance.transition(c.id, p.id, 'draft', 'open', { title: 'late' }))).toBe(false);
      expect(await tx((r) => r.governance.transition(randomUUID(), p.id, 'open', 'closed', {}))).toBe(false);
      expect(await tx((r) => r.governance.transition(c.id, 'nope', 'open', 'closed', {}))).toBe(false);
      expect(await g()).toEqual(opened);

      const closedAt = new Date('2025-06-09T08:00:01.000Z');
      expect(await tx((r) => r.governance.transition(c.id, p.id, 'open', 'closed', { closedAt }))).toBe(true);
      expect(await tx((r) => r.governance.transition(c.id, p.id, 'closed', 'passed', { result: RESULT }))).toBe(true);
      expect(await g()).toEqual({ ...opened, status: 'passed', closedAt, result: RESULT });
      // Null clears a field (SQL null, not a JSON null); undefined leaves it.
      expect(await tx((r) => r.governance.transition(c.id, p.id, 'passed', 'passed', { result: null, rule: undefined }))).toBe(true);
      expect(await g()).toEqual({ ...opened, status: 'passed', closedAt, result: null });
    });

    it('two concurrent transitions out of open: exactly one wins', async () => {
      const { c, steward } = await setup();
      for (let round = 0; round < 3; round++) {
        const p = openProposal(c.id, steward.id);
        await tx((r) => r.governance.createProposal(p));
        const outcomes: Array<{ to: ProposalStatus; result: Result }> = [
          { to: 'passed', result: RESULT },
          { to: 'rejected', result: { ...RESULT, outcome: 'rejected' } },
        ];
        const won = await Promise.all(
          outcomes.map((o) =>
            tx(async (r) => {
              const moved = await r.governance.transition(c.id, p.id, 'open', o.to, { closedAt: new Date(), result: o.result });
              // Hold the transaction open a moment so the two really overlap.
              await sleep(20);
              return moved;
            }),
          ),
        );
        expect(won.filter(Boolean)).toHaveLength(1);
        const winner = outcomes[won.indexOf(true)]!;
        const after = await store.read.governance.proposal(c.id, p.id);
        expect(after?.status).toBe(winner.to);
        expect(after?.result).toEqual(winner.result);
      }
    });
  });

  describe('governance: electorate and ballots', () => {
    it('fixes the electorate once', async () => {
      const { c, steward, m1, m2, m3 } = await setup();
      const p = openProposal(c.id, steward.id);
      const empty = openProposal(c.id, steward.id);
      await tx(async (r) => {
        await r.governance.createProposal(p);
        await r.governance.createProposal(empty);
        await r.governance.setElectorate(p.id, [m2.id, m1.id, m3.id, m1.id]);
        await r.governance.setElectorate(empty.id, []);
      });
      expect(await store.read.governance.electorate(p.id)).toEqual([m1.id, m2.id, m3.id].sort());
      expect(await store.read.governance.electorate(empty.id)).toEqual([]);
      expect(await store.read.governance.electorate(randomUUID())).toEqual([]);
      expect(await store.read.governance.electorate('x')).toEqual([]);
      expect(await conflictCode(tx((r) => r.governance.setElectorate(p.id, [steward.id])))).toBe('electorate_fixed');
      await expect(tx((r) => r.governance.setElectorate(randomUUID(), [m1.id]))).rejects.toBeInstanceOf(NotFoundError);
      await expect(tx((r) => r.governance.setElectorate(empty.id, [randomUUID()]))).rejects.toThrow();
      const db = store.kysely;
      await expect(db.deleteFrom('proposal_electorate').where('proposal_id', '=', p.id).execute()).rejects.toThrow(/append-only \(rule G3\): DELETE/);
      await expect(db.updateTable('proposal_electorate').set({ member_id: steward.id }).where('proposal_id', '=', p.id).execute()).rejects.toThrow(/append-only/);
      expect(await store.read.governance.electorate(p.id)).toHaveLength(3);
    });

    it('stores every ballot in casting order; every kind of choice round-trips', async () => {
      const { c, steward, m1, m2, m3 } = await setup();
      const p = openProposal(c.id, steward.id);
      const other = openProposal(c.id, steward.id);
      await tx(async (r) => {
        await r.governance.createProposal(p);
        await r.governance.createProposal(other);
      });
      const choices: Array<[string, Choice]> = [
        [m1.id, { method: 'majority', vote: 'yes' }],
        [m2.id, { method: 'supermajority', vote: 'abstain' }],
        [m3.id, { method: 'consent', vote: 'object', reason: 'Not before the members’ meeting — «too soon».' }],
        [m1.id, { method: 'quadratic', votes: { a: 3, b: -2, c: 0 } }],
        [m2.id, { method: 'schulze', ranking: [['b'], ['a', 'c'], ['d']] }],
        [m1.id, { method: 'majority', vote: 'no' }],
      ];
      const t = Date.parse('2025-07-01T12:00:00Z');
      const cast: StoredBallot[] = [];
      for (const [i, [voterId, choice]] of choices.entries()) {
        cast.push(await tx((r) => r.governance.addBallot({ proposalId: p.id, voterId, choice, castAt: new Date(t + i * 1001) })));
        if (i === 2) await tx((r) => r.governance.addBallot({ proposalId: other.id, voterId, choice, castAt: new Date(t) }));
      }
      cast.forEach((b, i) => {
        expect(b).toEqual({ proposalId: p.id, voterId: choices[i]![0], choice: choices[i]![1], castAt: new Date(t + i * 1001), seq: b.seq });
        expect(Number.isSafeInteger(b.seq)).toBe(true);
        if (i > 0) expect(b.seq).toBeGreaterThan(cast[i - 1]!.seq);
      });
      expect(await store.read.governance.ballots(p.id)).toEqual(cast);
      expect(await store.read.governance.ballots(other.id)).toHaveLength(1);
      expect(await store.read.governance.ballots(randomUUID())).toEqual([]);
      expect(await store.read.governance.ballots('x')).toEqual([]);
    });

    it('refuses a ballot on a proposal that is not open (proposal_not_open)', async () => {
      const { c, steward, m1 } = await setup();
      const draft = proposal(c.id, steward.id);
      const closed = openProposal(c.id, steward.id, { status: 'closed' });
      await tx(async (r) => {
        await r.governance.createProposal(draft);
        await r.governance.createProposal(closed);
      });
      const choice: Choice = { method: 'majority', vote: 'yes' };
      for (const id of [draft.id, closed.id, randomUUID()]) {
        expect(await conflictCode(tx((r) => r.governance.addBallot({ proposalId: id, voterId: m1.id, choice, castAt: new Date() })))).toBe('proposal_not_open');
      }
      await expect(tx((r) => r.governance.addBallot({ proposalId: 'x', voterId: m1.id, choice, castAt: new Date() }))).rejects.toBeInstanceOf(NotFoundError);
      for (const id of [draft.id, closed.id]) expect(await store.read.governance.ballots(id)).toEqual([]);
    });

    it('[G3] ballots cannot be rewritten', async () => {
      const { c, steward, m1 } = await setup();
      const p = openProposal(c.id, steward.id);
      await tx((r) => r.governance.createProposal(p));
      const b = await tx((r) => r.governance.addBallot({ proposalId: p.id, voterId: m1.id, choice: { method: 'majority', vote: 'no' }, castAt: new Date() }));
      const db = store.kysely;
      await expect(db.updateTable('ballots').set({ choice: JSON.stringify({ method: 'majority', vote: 'yes' }) }).where('proposal_id', '=', p.id).execute()).rejects.toThrow(
        /ballots is append-only \(rule G3\): UPDATE/,
      );
      await expect(db.updateTable('ballots').set({ cast_at: new Date() }).execute()).rejects.toThrow(/append-only/);
      await expect(db.deleteFrom('ballots').where('proposal_id', '=', p.id).execute()).rejects.toThrow(/ballots is append-only \(rule G3\): DELETE/);
      await expect(sql`truncate ballots`.execute(db)).rejects.toThrow(/ballots is append-only \(rule G3\): TRUNCATE/);
      // Nor can what else a decision is computed from: charter versions and vetoes.
      await tx(async (r) => {
        await r.governance.adoptCharter(stored(c.id, 1));
        await r.governance.addVeto({ proposalId: p.id, holder: 'Elders', vetoerId: steward.id, reason: 'harm', at: new Date() });
      });
      await expect(db.updateTable('charters').set({ digest: 'f'.repeat(64) }).where('collective_id', '=', c.id).execute()).rejects.toThrow(/charters is append-only/);
      await expect(db.deleteFrom('charters').where('collective_id', '=', c.id).execute()).rejects.toThrow(/charters is append-only/);
      await expect(db.updateTable('vetoes').set({ reason: 'none' }).where('proposal_id', '=', p.id).execute()).rejects.toThrow(/vetoes is append-only/);
      await expect(db.deleteFrom('vetoes').where('proposal_id', '=', p.id).execute()).rejects.toThrow(/vetoes is append-only/);
      expect(await store.read.governance.ballots(p.id)).toEqual([b]);
      expect(await store.read.governance.vetoes(p.id)).toHaveLength(1);
      expect(await store.read.governance.charterVersions(c.id)).toHaveLength(1);
    });

    it('[G3] a closer that leaves open first reads every ballot that will ever be stored', async () => {
      const { c, steward, m1, m2 } = await setup();
      const choice: Choice = { method: 'majority', vote: 'yes' };

      // A ballot in flight when the closer starts: the transition waits for it, then sees it.
      const p = openProposal(c.id, steward.id);
      await tx((r) => r.governance.createProposal(p));
      let voted!: () => void;
      const ballotIn = new Promise<void>((resolve) => (voted = resolve));
      const voter = tx(async (r) => {
        const b = await r.governance.addBallot({ proposalId: p.id, voterId: m1.id, choice, castAt: new Date() });
        voted();
        await sleep(50);
        return b;
      });
      await ballotIn;
      const closer = tx(async (r) => {
        expect(await r.governance.transition(c.id, p.id, 'open', 'closed', { closedAt: new Date() })).toBe(true);
        return r.governance.ballots(p.id);
      });
      const [b, seen] = await Promise.all([voter, closer]);
      expect(seen).toEqual([b]);

      // A ballot after the closer moved it: refused once the closer commits.
      const q = openProposal(c.id, steward.id);
      await tx((r) => r.governance.createProposal(q));
      let moved!: () => void;
      const closedIn = new Promise<void>((resolve) => (moved = resolve));
      const closer2 = tx(async (r) => {
        const ok = await r.governance.transition(c.id, q.id, 'open', 'closed', { closedAt: new Date() });
        moved();
        await sleep(50);
        return { ok, ballots: await r.governance.ballots(q.id) };
      });
      await closedIn;
      const late = tx((r) => r.governance.addBallot({ proposalId: q.id, voterId: m2.id, choice, castAt: new Date() }));
      const [closed, lateCode] = await Promise.all([closer2, conflictCode(late)]);
      expect(closed).toEqual({ ok: true, ballots: [] });
      expect(lateCode).toBe('proposal_not_open');
      expect(await store.read.governance.ballots(q.id)).toEqual([]);
    });
  });

  describe('governance: delegations', () => {
    it('one live delegation per member and topic; revoke; every delegation of a member, newest first', async () => {
      const { c, m1, m2, m3 } = await setup();
      const t = Date.parse('2025-08-01T00:00:00Z');
      const d = (over: Partial<StoredDelegation>): Omit<StoredDelegation, 'revokedAt'> => ({
        id: randomUUID(),
        collectiveId: c.id,
        delegatorId: m1.id,
        delegateId: m2.id,
        topic: 'access_request',
        createdAt: new Date(t),
        ...over,
      });
      const access = d({});
      const all = d({ topic: '*', delegateId: m3.id, createdAt: new Date(t + 1000) });
      await tx(async (r) => {
        await r.governance.addDelegation(access);
        await r.governance.addDelegation(all);
        await r.governance.addDelegation(d({ delegatorId: m2.id, delegateId: m3.id }));
      });
      expect(await conflictCode(tx((r) => r.governance.addDelegation(d({ delegateId: m3.id, createdAt: new Date(t + 2000) }))))).toBe('delegation_exists');
      expect(await conflictCode(tx((r) => r.governance.addDelegation(d({ topic: '*', createdAt: new Date(t + 2000) }))))).toBe('delegation_exists');
      await expect(tx((r) => r.governance.addDelegation(d({ delegateId: m1.id, topic: 'motion' })))).rejects.toThrow();
      await expect(tx((r) => r.governance.addDelegation(d({ topic: 'everything' as never })))).rejects.toThrow();

      const revokedAt = new Date(t + 5000);
      expect(await tx((r) => r.governance.revokeDelegation(c.id, m1.id, 'motion', revokedAt))).toBe(false);
      expect(await tx((r) => r.governance.revokeDelegation(randomUUID(), m1.id, 'access_request', revokedAt))).toBe(false);
      expect(await tx((r) => r.governance.revokeDelegation(c.id, m1.id, 'access_request', revokedAt))).toBe(true);
      expect(await tx((r) => r.governance.revokeDelegation(c.id, m1.id, 'access_request', revokedAt))).toBe(false);
      // Once revoked, the topic can be delegated again.
      const again = d({ delegateId: m3.id, createdAt: new Date(t + 6000) });
      await tx((r) => r.governance.addDelegation(again));
      expect(await store.read.governance.delegationsOf(c.id, m1.id)).toEqual([
        { ...again, revokedAt: null },
        { ...all, revokedAt: null },
        { ...access, revokedAt },
      ]);
      expect(await store.read.governance.delegationsOf(c.id, m3.id)).toEqual([]);
      expect(await store.read.governance.delegationsOf('x', m1.id)).toEqual([]);
    });

    it('activeDelegations: created at or before the time and not revoked by it', async () => {
      const { c, m1, m2, m3 } = await setup();
      const t = Date.parse('2025-09-01T00:00:00Z');
      const at = (offset: number) => new Date(t + offset);
      const base = { collectiveId: c.id, delegateId: m3.id };
      const a = { ...base, id: randomUUID(), delegatorId: m1.id, topic: 'motion' as const, createdAt: at(0) };
      const b = { ...base, id: randomUUID(), delegatorId: m2.id, topic: '*' as const, createdAt: at(100) };
      const other = await tx(async (r) => {
        await r.governance.addDelegation(a);
        await r.governance.addDelegation(b);
        await r.governance.revokeDelegation(c.id, m1.id, 'motion', at(200));
        const o = await newCollective(r);
        await r.governance.addDelegation({ ...a, id: randomUUID(), collectiveId: o.id });
        return o;
      });
      const ids = async (when: Date) => (await store.read.governance.activeDelegations(c.id, when)).map((x) => x.id);
      expect(await ids(at(-1))).toEqual([]);
      expect(await ids(at(0))).toEqual([a.id]);
      expect(await ids(at(100))).toEqual([a.id, b.id]);
      expect(await ids(at(199))).toEqual([a.id, b.id]);
      // Revoked at 200: no longer active at 200.
      expect(await ids(at(200))).toEqual([b.id]);
      expect(await ids(at(10_000))).toEqual([b.id]);
      expect(await store.read.governance.activeDelegations(c.id, at(150))).toEqual([
        { ...a, revokedAt: at(200) },
        { ...b, revokedAt: null },
      ]);
      expect(await store.read.governance.activeDelegations(other.id, at(150))).toHaveLength(1);
      expect(await store.read.governance.activeDelegations('x', at(150))).toEqual([]);
    });

    it('two concurrent delegations of one topic: exactly one is stored', async () => {
      const { c, m1, m2, m3 } = await setup();
      const results = await Promise.allSettled(
        [m2.id, m3.id].map((delegateId) =>
          tx(async (r) => {
            await r.governance.addDelegation({ id: randomUUID(), collectiveId: c.id, delegatorId: m1.id, delegateId, topic: 'motion', createdAt: new Date() });
            await sleep(20);
          }),
        ),
      );
      expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((x) => x.status === 'rejected');
      expect((lost?.reason as ConflictError).code).toBe('delegation_exists');
      expect(await store.read.governance.delegationsOf(c.id, m1.id)).toHaveLength(1);
    });

    it('lockDelegations: a second transaction of the collective reads delegations only after the first commits', async () => {
      const { c, m1, m2 } = await setup();
      const seen: number[] = [];
      // The second waits at its lock while the first holds it, then sees the first's delegation.
      const [, second] = await Promise.all([
        tx(async (r) => {
          await r.governance.lockDelegations(c.id);
          await sleep(50);
          await r.governance.addDelegation({ id: randomUUID(), collectiveId: c.id, delegatorId: m1.id, delegateId: m2.id, topic: 'motion', createdAt: new Date() });
        }),
        sleep(10).then(() =>
          tx(async (r) => {
            await r.governance.lockDelegations(c.id);
            const live = await r.governance.activeDelegations(c.id, new Date(Date.now() + 1000));
            seen.push(live.length);
            return live.length;
          }),
        ),
      ]);
      expect(second).toBe(1);
      expect(seen).toEqual([1]);
    });
  });

  describe('governance: vetoes and comments', () => {
    it('keeps vetoes in the order added and comments oldest first', async () => {
      const { c, steward, m1, m2 } = await setup();
      const p = openProposal(c.id, steward.id);
      const t = Date.parse('2025-10-01T00:00:00Z');
      const vetoes: StoredVeto[] = [
        { proposalId: p.id, holder: 'Health committee', vetoerId: m2.id, reason: 'Health data stays with us.', at: new Date(t + 500) },
        { proposalId: p.id, holder: 'Elders’ council', vetoerId: m1.id, reason: 'Harms the community.', at: new Date(t) },
      ];
      const comments: ProposalComment[] = [
        { id: randomUUID(), proposalId: p.id, authorId: m1.id, body: 'Why this price?', createdAt: new Date(t + 2000) },
        { id: randomUUID(), proposalId: p.id, authorId: m2.id, body: 'I agree <script>x</script>', createdAt: new Date(t + 1000) },
      ];
      await tx(async (r) => {
        await r.governance.createProposal(p);
        for (const v of vetoes) await r.governance.addVeto(v);
        for (const x of comments) await r.governance.addComment(x);
      });
      expect(await store.read.governance.vetoes(p.id)).toEqual(vetoes);
      expect(await store.read.governance.comments(p.id)).toEqual([comments[1], comments[0]]);
      expect(await store.read.governance.vetoes(randomUUID())).toEqual([]);
      expect(await store.read.governance.comments('x')).toEqual([]);
      await expect(tx((r) => r.governance.addComment({ ...comments[0]!, id: randomUUID(), proposalId: randomUUID() }))).rejects.toThrow();
    });
  });

  describe('governance: closing', () => {
    it('dueToClose: open proposals whose period has ended, across collectives, oldest first', async () => {
      const { c, steward } = await setup();
      const other = await tx((r) => newCollective(r));
      // Far in the past, so proposals of other tests sharing the store sort after these.
      const now = Date.parse('2001-01-01T00:00:00Z');
      const at = (offset: number) => new Date(now + offset);
      const due1 = openProposal(c.id, steward.id, { closesAt: at(-2000) });
      const due2 = openProposal(other.id, steward.id, { closesAt: at(-1000) });
      const dueNow = openProposal(c.id, steward.id, { closesAt: at(0) });
      const notYet = openProposal(c.id, steward.id, { closesAt: at(1) });
      const closed = openProposal(c.id, steward.id, { closesAt: at(-3000), status: 'closed' });
      const draft = proposal(c.id, steward.id);
      await tx(async (r) => {
        for (const p of [dueNow, notYet, due2, closed, draft, due1]) await r.governance.createProposal(p);
      });
      const mine = new Set([due1, due2, dueNow, notYet, closed, draft].map((p) => p.id));
      const due = async (when: Date) => (await store.read.governance.dueToClose(when)).filter((p) => mine.has(p.id));
      expect(await due(at(0))).toEqual([due1, due2, dueNow]);
      expect((await due(at(-1001))).map((p) => p.id)).toEqual([due1.id]);
      expect((await due(at(1))).map((p) => p.id)).toEqual([due1.id, due2.id, dueNow.id, notYet.id]);
      // Once closed it is no longer due.
      await tx((r) => r.governance.transition(due2.collectiveId, due2.id, 'open', 'closed', { closedAt: at(5) }));
      expect((await due(at(1))).map((p) => p.id)).toEqual([due1.id, dueNow.id, notYet.id]);
    });

    it('closingSoon: open proposals closing in (from, to] with no notice yet; markClosingSoonSent', async () => {
      const { c, steward } = await setup();
      const from = Date.parse('2002-02-02T00:00:00Z');
      const at = (offset: number) => new Date(from + offset);
      const atFrom = openProposal(c.id, steward.id, { closesAt: at(0) });
      const first = openProposal(c.id, steward.id, { closesAt: at(1) });
      const atTo = openProposal(c.id, steward.id, { closesAt: at(1000) });
      const after = openProposal(c.id, steward.id, { closesAt: at(1001) });
      const closed = openProposal(c.id, steward.id, { closesAt: at(500), status: 'closed' });
      await tx(async (r) => {
        for (const p of [atTo, after, closed, first, atFrom]) await r.governance.createProposal(p);
      });
      const mine = new Set([atFrom, first, atTo, after, closed].map((p) => p.id));
      const soon = async () => (await store.read.governance.closingSoon(at(0), at(1000))).filter((p) => mine.has(p.id));
      expect(await soon()).toEqual([first, atTo]);
      await tx((r) => r.governance.markClosingSoonSent(first.id));
      expect(await soon()).toEqual([atTo]);
      await tx((r) => r.governance.markClosingSoonSent(first.id));
      await tx((r) => r.governance.markClosingSoonSent('x'));
      expect(await soon()).toEqual([atTo]);
      // The flag is not part of the proposal; the proposal is unchanged.
      expect(await store.read.governance.proposal(c.id, first.id)).toEqual(first);
    });
  });

  describe('governance: notifications', () => {
    it('newest first per user and collective; marked read once; a notice goes once', async () => {
      const { c, steward, m1, m2 } = await setup();
      const other = await tx((r) => newCollective(r));
      const p = openProposal(c.id, steward.id);
      const q = openProposal(other.id, steward.id);
      const t = Date.parse('2025-11-01T00:00:00Z');
      const n = (userId: string, proposalId: string, collectiveId: string, kind: Notification['kind'], offset: number): Notification => ({
        id: randomUUID(),
        userId,
        collectiveId,
        kind,
        proposalId,
        createdAt: new Date(t + offset),
        readAt: null,
      });
      const mine = NOTIFICATION_KINDS.map((kind, i) => n(m1.id, p.id, c.id, kind, i * 1000));
      const theirs = n(m2.id, p.id, c.id, 'proposal.opened', 0);
      const elsewhere = n(m1.id, q.id, other.id, 'proposal.opened', 5000);
      await tx(async (r) => {
        await r.governance.createProposal(p);
        await r.governance.createProposal(q);
        await r.governance.addNotifications([...mine, theirs, elsewhere]);
        await r.governance.addNotifications([]);
      });
      const read = store.read.governance;
      expect(await read.notifications(m1.id, c.id, 10)).toEqual([...mine].reverse());
      expect(await read.notifications(m1.id, c.id, 2)).toEqual([mine[2], mine[1]]);
      expect(await read.notifications(m2.id, c.id, 10)).toEqual([theirs]);
      expect(await read.notifications(m1.id, other.id, 10)).toEqual([elsewhere]);
      expect(await read.notifications('x', c.id, 10)).toEqual([]);
      for (const limit of [0, 1001, 2.5]) await expect(read.notifications(m1.id, c.id, limit)).rejects.toBeInstanceOf(ValidationError);

      // A second send of the same notice (a retried job) adds nothing.
      await tx((r) => r.governance.addNotifications([n(m1.id, p.id, c.id, 'proposal.opened', 9000)]));
      expect(await read.notifications(m1.id, c.id, 10)).toHaveLength(3);

      const readAt = new Date(t + 10_000);
      expect(await tx((r) => r.governance.markNotificationsRead(m1.id, c.id, readAt))).toBe(3);
      expect(await tx((r) => r.governance.markNotificationsRead(m1.id, c.id, new Date()))).toBe(0);
      expect(await read.notifications(m1.id, c.id, 10)).toEqual([...mine].reverse().map((x) => ({ ...x, readAt })));
      expect((await read.notifications(m2.id, c.id, 10))[0]?.readAt).toBeNull();
      expect((await read.notifications(m1.id, other.id, 10))[0]?.readAt).toBeNull();
      expect(await tx((r) => r.governance.markNotificationsRead('x', c.id, readAt))).toBe(0);
    });

    it('adds notices for many members at once, in chunks', async () => {
      const { c, steward } = await setup();
      const p = openProposal(c.id, steward.id);
      await tx((r) => r.governance.createProposal(p));
      const users = Array.from({ length: NOTIFY_CHUNK + 1 }, () => ({ id: randomUUID(), email: `n-${randomBytes(8).toString('hex')}@example.org`, display_name: 'Member', password_hash: null, created_at: new Date() }));
      await store.kysely.insertInto('users').values(users).execute();
      const at = new Date();
      await tx((r) =>
        r.governance.addNotifications(users.map((u) => ({ id: randomUUID(), userId: u.id, collectiveId: c.id, kind: 'proposal.opened', proposalId: p.id, createdAt: at, readAt: null }))),
      );
      const count = await store.kysely.selectFrom('notifications').select((eb) => eb.fn.countAll<string | number>().as('n')).where('proposal_id', '=', p.id).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(users.length);
      for (const u of [users[0]!, users.at(-1)!]) {
        expect(await store.read.governance.notifications(u.id, c.id, 5)).toEqual([expect.objectContaining({ userId: u.id, createdAt: at, readAt: null })]);
      }
    });
  });
}
