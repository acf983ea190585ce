import {
  ConflictError,
  NotFoundError,
  type GovernanceReader,
  type GovernanceRepository,
  type Notification,
  type NotificationKind,
  type Proposal,
  type ProposalComment,
  type StoredBallot,
  type StoredCharter,
  type StoredDelegation,
  type StoredVeto,
} from '@steward/core';
import { sql, type Selectable, type Updateable } from 'kysely';
import type { BallotsTable, ChartersTable, DelegationsTable, NotificationsTable, ProposalsTable, VetoesTable } from '../db/schema.ts';
import { cursorDate, cursorId, decodeCursor, encodeCursor, isUuid, pageLimit, splitPage, toNumber, type Db } from './support.ts';

/** Rows per INSERT in `addNotifications`; all rows of a chunk travel as one JSON parameter. */
export const NOTIFY_CHUNK = 5000;

// Namespace (first key) of the two-key advisory locks that order one voter's ballots on one
// proposal (consents use 27_560; the migration lock uses the one-key space).
const VOTER_LOCK_SPACE = 27_561;
// Namespace of the locks that serialise one collective's delegation changes (cycle checks).
const DELEGATION_LOCK_SPACE = 27_562;

const toCharter = (r: Selectable<ChartersTable>): StoredCharter => ({
  collectiveId: r.collective_id,
  version: r.version,
  charter: r.charter as StoredCharter['charter'],
  digest: r.digest,
  adoptedAt: r.adopted_at,
  proposalId: r.proposal_id,
});

const toProposal = (r: Selectable<ProposalsTable>): Proposal => ({
  id: r.id,
  collectiveId: r.collective_id,
  kind: r.kind as Proposal['kind'],
  title: r.title,
  body: r.body,
  options: r.options as Proposal['options'],
  payload: r.payload as Proposal['payload'],
  status: r.status as Proposal['status'],
  rule: r.rule as Proposal['rule'],
  charterVersion: r.charter_version,
  createdBy: r.created_by,
  createdAt: r.created_at,
  openedAt: r.opened_at,
  closesAt: r.closes_at,
  closedAt: r.closed_at,
  result: r.result as Proposal['result'],
});

const toBallot = (r: Selectable<BallotsTable>): StoredBallot => ({
  proposalId: r.proposal_id,
  seq: toNumber(r.seq),
  voterId: r.voter_id,
  choice: r.choice as StoredBallot['choice'],
  castAt: r.cast_at,
});

const toDelegation = (r: Selectable<DelegationsTable>): StoredDelegation => ({
  id: r.id,
  collectiveId: r.collective_id,
  delegatorId: r.delegator_id,
  delegateId: r.delegate_id,
  topic: r.topic as StoredDelegation['topic'],
  createdAt: r.created_at,
  revokedAt: r.revoked_at,
});

const toVeto = (r: Selectable<VetoesTable>): StoredVeto => ({
  proposalId: r.proposal_id,
  holder: r.holder,
  vetoerId: r.vetoer_id,
  reason: r.reason,
  at: r.at,
});

const toNotification = (r: Selectable<NotificationsTable>): Notification => ({
  id: r.id,
  userId: r.user_id,
  collectiveId: r.collective_id,
  kind: r.kind as NotificationKind,
  proposalId: r.proposal_id,
  createdAt: r.created_at,
  readAt: r.read_at,
});

/** A nullable JSON value as a jsonb column takes it: SQL null for null (not the JSON `null`). */
const jsonOrNull = (value: unknown): string | null => (value === null ? null : JSON.stringify(value));

export function governanceReader(db: Db): GovernanceReader {
  const charters = (collectiveId: string) => db.selectFrom('charters').selectAll().where('collective_id', '=', collectiveId);
  const openProposals = () => db.selectFrom('proposals').selectAll().where('status', '=', 'open');
  return {
    async currentCharter(collectiveId) {
      if (!isUuid(collectiveId)) return undefined;
      const r = await charters(collectiveId).orderBy('version', 'desc').limit(1).executeTakeFirst();
      return r && toCharter(r);
    },
    async charterVersions(collectiveId) {
      if (!isUuid(collectiveId)) return [];
      return (await charters(collectiveId).orderBy('version').execute()).map(toCharter);
    },
    async proposal(collectiveId, id) {
      if (!isUuid(collectiveId) || !isUuid(id)) return undefined;
      const r = await db.selectFrom('proposals').selectAll().where('id', '=', id).where('collective_id', '=', collectiveId).executeTakeFirst();
      return r && toProposal(r);
    },
    async listProposals(collectiveId, filter, page) {
      const limit = pageLimit(page);
      // The cursor is the (created_at, id) of the last proposal returned.
      const after = page.cursor ? decodeCursor(page.cursor, 2) : null;
      const afterKey = after ? ([cursorDate(after[0] ?? null), cursorId(after[1] ?? null)] as const) : null;
      if (!isUuid(collectiveId)) return { items: [], next: null };
      // An empty list of statuses asks for proposals in none of them.
      if (filter.statuses && filter.statuses.length === 0) return { items: [], next: null };
      let q = db.selectFrom('proposals').selectAll().where('collective_id', '=', collectiveId);
      if (filter.statuses) q = q.where('status', 'in', [...filter.statuses]);
      if (afterKey) q = q.where((eb) => eb(eb.refTuple('created_at', 'id'), '<', eb.tuple(afterKey[0], afterKey[1])));
      const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit + 1).execute();
      const { items, more } = splitPage(rows.map(toProposal), limit);
      const last = items.at(-1);
      return { items, next: more && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null };
    },
    async electorate(proposalId) {
      if (!isUuid(proposalId)) return [];
      const rows = await db.selectFrom('proposal_electorate').select('member_id').where('proposal_id', '=', proposalId).orderBy('member_id').execute();
      return rows.map((r) => r.member_id);
    },
    async ballots(proposalId) {
      if (!isUuid(proposalId)) return [];
      return (await db.selectFrom('ballots').selectAll().where('proposal_id', '=', proposalId).orderBy('seq').execute()).map(toBallot);
    },
    async activeDelegations(collectiveId, at) {
      if (!isUuid(collectiveId)) return [];
      const rows = await db
        .selectFrom('delegations')
        .selectAll()
        .where('collective_id', '=', collectiveId)
        .where('created_at', '<=', at)
        .where((eb) => eb.or([eb('revoked_at', 'is', null), eb('revoked_at', '>', at)]))
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(toDelegation);
    },
    async delegationsOf(collectiveId, delegatorId) {
      if (!isUuid(collectiveId) || !isUuid(delegatorId)) return [];
      const rows = await db
        .selectFrom('delegations')
        .selectAll()
        .where('collective_id', '=', collectiveId)
        .where('delegator_id', '=', delegatorId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toDelegation);
    },
    async vetoes(proposalId) {
      if (!isUuid(proposalId)) return [];
      return (await db.selectFrom('vetoes').selectAll().where('proposal_id', '=', proposalId).orderBy('seq').execute()).map(toVeto);
    },
    async comments(proposalId) {
      if (!isUuid(proposalId)) return [];
      const rows = await db
        .selectFrom('proposal_comments')
        .selectAll()
        .where('proposal_id', '=', proposalId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map((r): ProposalComment => ({ id: r.id, proposalId: r.proposal_id, authorId: r.author_id, body: r.body, createdAt: r.created_at }));
    },
    async dueToClose(now) {
      const rows = await openProposals().where('closes_at', '<=', now).orderBy('closes_at').orderBy('id').execute();
      return rows.map(toProposal);
    },
    async closingSoon(from, to) {
      const rows = await openProposals()
        .where('closes_at', '>', from)
        .where('closes_at', '<=', to)
        .where('closing_soon_sent', '=', false)
        .orderBy('closes_at')
        .orderBy('id')
        .execute();
      return rows.map(toProposal);
    },
    async notifications(userId, collectiveId, limit) {
      const n = pageLimit({ limit });
      if (!isUuid(userId) || !isUuid(collectiveId)) return [];
      const rows = await db
        .selectFrom('notifications')
        .selectAll()
        .where('user_id', '=', userId)
        .where('collective_id', '=', collectiveId)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(n)
        .execute();
      return rows.map(toNotification);
    },
  };
}

export function governanceRepository(db: Db): GovernanceRepository {
  return {
    ...governanceReader(db),
    async adoptCharter(c) {
      const conflict = () =>
        new ConflictError('charter_version', `Charter version ${c.version} cannot be adopted: the next version of this collective's charter is another number.`);
      if (!Number.isSafeInteger(c.version) || c.version < 1) throw conflict();
      // One statement: the version must follow the highest one visible, and the primary key
      // settles a race — a concurrent adopter of the same number waits for the first to commit,
      // then inserts nothing. Either way the loser gets `charter_version`.
      const r = await sql<{ version: number }>`
        insert into charters (collective_id, version, charter, digest, adopted_at, proposal_id)
        select ${c.collectiveId}::uuid, ${c.version}::integer, ${JSON.stringify(c.charter)}::jsonb, ${c.digest}, ${c.adoptedAt}::timestamptz, ${c.proposalId}::uuid
        where ${c.version}::integer = coalesce((select max(version) from charters where collective_id = ${c.collectiveId}::uuid), 0) + 1
        on conflict (collective_id, version) do nothing
        returning version`.execute(db);
      if (r.rows.length === 0) throw conflict();
    },
    async createProposal(p) {
      await db
        .insertInto('proposals')
        .values({
          id: p.id,
          collective_id: p.collectiveId,
          kind: p.kind,
          title: p.title,
          body: p.body,
          options: JSON.stringify(p.options),
          payload: JSON.stringify(p.payload),
          status: p.status,
          rule: jsonOrNull(p.rule),
          charter_version: p.charterVersion,
          created_by: p.createdBy,
          created_at: p.createdAt,
          opened_at: p.openedAt,
          closes_at: p.closesAt,
          closed_at: p.closedAt,
          result: jsonOrNull(p.result),
        })
        .execute();
    },
    async transition(collectiveId, id, from, to, changes) {
      if (!isUuid(collectiveId) || !isUuid(id)) return false;
      const set: Updateable<ProposalsTable> = { status: to };
      if (changes.rule !== undefined) set.rule = jsonOrNull(changes.rule);
      if (changes.charterVersion !== undefined) set.charter_version = changes.charterVersion;
      if (changes.openedAt !== undefined) set.opened_at = changes.openedAt;
      if (changes.closesAt !== undefined) set.closes_at = changes.closesAt;
      if (changes.closedAt !== undefined) set.closed_at = changes.closedAt;
      if (changes.result !== undefined) set.result = jsonOrNull(changes.result);
      if (changes.title !== undefined) set.title = changes.title;
      if (changes.body !== undefined) set.body = changes.body;
      if (changes.options !== undefined) set.options = JSON.stringify(changes.options);
      if (changes.payload !== undefined) set.payload = JSON.stringify(changes.payload);
      // One conditional UPDATE: a concurrent transition waits on the row lock, then re-checks
      // `status = from` against the committed row and matches nothing. Exactly one closer decides.
      const res = await db
        .updateTable('proposals')
        .set(set)
        .where('id', '=', id)
        .where('collective_id', '=', collectiveId)
        .where('status', '=', from)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    async setElectorate(proposalId, memberIds) {
      // The electorate is fixed once (quorum is counted against it, rule G3): the proposal's row
      // is locked so two callers cannot both find it empty.
      const p = isUuid(proposalId)
        ? await db.selectFrom('proposals').select('id').where('id', '=', proposalId).forUpdate().executeTakeFirst()
        : undefined;
      if (!p) throw new NotFoundError('proposal');
      const set = await db.selectFrom('proposal_electorate').select('member_id').where('proposal_id', '=', proposalId).limit(1).executeTakeFirst();
      if (set) throw new ConflictError('electorate_fixed', 'The electorate of this proposal was fixed when it opened.');
      const members = [...new Set(memberIds)];
      if (members.length === 0) return;
      await sql`
        insert into proposal_electorate (proposal_id, member_id)
        select ${proposalId}::uuid, m::uuid from json_array_elements_text(${JSON.stringify(members)}::json) as m`.execute(db);
    },
    async addBallot(b) {
      if (!isUuid(b.proposalId)) throw new NotFoundError('proposal');
      // A voter's ballots must be numbered in the order they commit (the tally keeps the latest),
      // so one voter's ballots on one proposal queue on a lock held until the transaction ends.
      await sql`select pg_advisory_xact_lock(${VOTER_LOCK_SPACE}, hashtext(${`${b.proposalId}/${b.voterId}`}))`.execute(db);
      // Only into an open proposal, holding a share lock on its row until commit: a transition
      // out of 'open' waits for this ballot to commit, and a ballot after it finds the proposal
      // no longer open. So a closer that moves the proposal out of 'open' before reading the
      // ballots reads every ballot that will ever be stored for it (rule G3).
      const r = await sql<Selectable<BallotsTable>>`
        insert into ballots (proposal_id, voter_id, choice, cast_at)
        select p.id, ${b.voterId}::uuid, ${JSON.stringify(b.choice)}::jsonb, ${b.castAt}::timestamptz
        from proposals as p
        where p.id = ${b.proposalId}::uuid and p.status = 'open'
        for share
        returning seq, proposal_id, voter_id, choice, cast_at`.execute(db);
      const row = r.rows[0];
      if (!row) throw new ConflictError('proposal_not_open', 'This proposal is not open for voting.');
      return toBallot(row);
    },
    async lockDelegations(collectiveId) {
      await sql`select pg_advisory_xact_lock(${DELEGATION_LOCK_SPACE}, hashtext(${collectiveId}))`.execute(db);
    },
    async addDelegation(d) {
      const r = await db
        .insertInto('delegations')
        .values({
          id: d.id,
          collective_id: d.collectiveId,
          delegator_id: d.delegatorId,
          delegate_id: d.delegateId,
          topic: d.topic,
          created_at: d.createdAt,
          revoked_at: null,
        })
        .onConflict((oc) => oc.columns(['collective_id', 'delegator_id', 'topic']).where('revoked_at', 'is', null).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!r) throw new ConflictError('delegation_exists', 'You already delegate this topic. Revoke that delegation first.');
    },
    async revokeDelegation(collectiveId, delegatorId, topic, at) {
      if (!isUuid(collectiveId) || !isUuid(delegatorId)) return false;
      const res = await db
        .updateTable('delegations')
        .set({ revoked_at: at })
        .where('collective_id', '=', collectiveId)
        .where('delegator_id', '=', delegatorId)
        .where('topic', '=', topic)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    async addVeto(v) {
      await db.insertInto('vetoes').values({ proposal_id: v.proposalId, holder: v.holder, vetoer_id: v.vetoerId, reason: v.reason, at: v.at }).execute();
    },
    async addComment(c) {
      await db
        .insertInto('proposal_comments')
        .values({ id: c.id, proposal_id: c.proposalId, author_id: c.authorId, body: c.body, created_at: c.createdAt })
        .execute();
    },
    async addNotifications(notifications) {
      // A notice the user already has for the proposal is skipped, so a retried or concurrent
      // job (two closing-soon runs) never notifies twice.
      for (let i = 0; i < notifications.length; i += NOTIFY_CHUNK) {
        const rows = notifications.slice(i, i + NOTIFY_CHUNK).map((n) => ({
          id: n.id,
          user_id: n.userId,
          collective_id: n.collectiveId,
          kind: n.kind,
          proposal_id: n.proposalId,
          created_at: n.createdAt.toISOString(),
          read_at: n.readAt?.toISOString() ?? null,
        }));
        await sql`
          insert into notifications (id, user_id, collective_id, kind, proposal_id, created_at, read_at)
          select id, user_id, collective_id, kind, proposal_id, created_at, read_at
          from json_to_recordset(${JSON.stringify(rows)}::json) as x(
            id uuid, user_id uuid, collective_id uuid, kind text, proposal_id uuid, created_at timestamptz, read_at timestamptz
          )
          on conflict (proposal_id, kind, user_id) do nothing`.execute(db);
      }
    },
    async markNotificationsRead(userId, collectiveId, at) {
      if (!isUuid(userId) || !isUuid(collectiveId)) return 0;
      const res = await db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('user_id', '=', userId)
        .where('collective_id', '=', collectiveId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return Number(res.numUpdatedRows);
    },
    async markClosingSoonSent(proposalId) {
      if (!isUuid(proposalId)) return;
      await db.updateTable('proposals').set({ closing_soon_sent: true }).where('id', '=', proposalId).execute();
    },
  };
}
