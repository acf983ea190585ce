import type { Migration } from './migration.ts';

/**
 * Governance (rules G1–G3): charter versions, proposals and their lifecycle, the electorate fixed
 * at opening, ballots, delegations, vetoes, comments and in-app notifications.
 *
 * What a decision is computed from is never rewritten (rule G3: a tally is a pure function of the
 * ballots and the charter, recomputable later): `ballots`, `proposal_electorate`, `charters`
 * (an amendment is a new version) and `vetoes` are append-only — a trigger raises on every UPDATE
 * and DELETE, and TRUNCATE is refused too. There is no erasure exception yet (unlike
 * consent_records): member erasure (rule D2) will need its own deliberate path here.
 *
 * A proposal's status moves by conditional UPDATE (`… where status = from`), so of two
 * concurrent closers exactly one decides. `rule` is the charter's decision rule copied at
 * opening, so a later amendment cannot change a running vote. The lists of kinds, statuses and
 * topics repeat core's governance types (DECISION_KINDS, PROPOSAL_STATUSES, NOTIFICATION_KINDS);
 * a new value there needs a migration here.
 */
export const m0005Governance: Migration = {
  version: 5,
  name: 'governance',
  statements: [
    `create table proposals (
      id uuid primary key,
      collective_id uuid not null references collectives (id),
      kind text not null check (kind in ('access_request', 'charter_amendment', 'revenue_distribution', 'motion')),
      title text not null,
      body text not null,
      options jsonb not null check (jsonb_typeof(options) = 'array'),
      payload jsonb not null check (jsonb_typeof(payload) = 'object'),
      status text not null check (status in ('draft', 'open', 'closed', 'passed', 'rejected', 'vetoed', 'expired')),
      rule jsonb check (jsonb_typeof(rule) = 'object'),
      charter_version integer check (charter_version >= 1),
      created_by uuid not null references users (id),
      created_at timestamptz(3) not null,
      opened_at timestamptz(3),
      closes_at timestamptz(3),
      closed_at timestamptz(3),
      result jsonb check (jsonb_typeof(result) = 'object'),
      closing_soon_sent boolean not null default false
    )`,
    // listProposals: newest first, id breaking ties (the keyset of its cursor).
    `create index proposals_collective_idx on proposals (collective_id, created_at desc, id desc)`,
    // dueToClose and closingSoon: open proposals by closing time, across collectives.
    `create index proposals_open_closes_idx on proposals (closes_at, id) where status = 'open'`,
    `create table charters (
      collective_id uuid not null references collectives (id),
      version integer not null check (version >= 1),
      charter jsonb not null check (jsonb_typeof(charter) = 'object'),
      digest text not null check (digest ~ '^[0-9a-f]{64}$'),
      adopted_at timestamptz(3) not null,
      proposal_id uuid references proposals (id),
      primary key (collective_id, version)
    )`,
    `create table proposal_electorate (
      proposal_id uuid not null references proposals (id),
      member_id uuid not null references users (id),
      primary key (proposal_id, member_id)
    )`,
    // seq is the casting order the tally reads (each voter's latest ballot counts).
    `create table ballots (
      seq bigint generated always as identity primary key,
      proposal_id uuid not null references proposals (id),
      voter_id uuid not null references users (id),
      choice jsonb not null check (jsonb_typeof(choice) = 'object'),
      cast_at timestamptz(3) not null
    )`,
    `create index ballots_proposal_idx on ballots (proposal_id, seq)`,
    `create table delegations (
      id uuid primary key,
      collective_id uuid not null references collectives (id),
      delegator_id uuid not null references users (id),
      delegate_id uuid not null references users (id),
      topic text not null check (topic in ('*', 'access_request', 'charter_amendment', 'revenue_distribution', 'motion')),
      created_at timestamptz(3) not null,
      revoked_at timestamptz(3),
      constraint delegations_not_self_check check (delegator_id <> delegate_id)
    )`,
    // One live delegation per member and topic; revoked ones stay as history.
    `create unique index delegations_live_key on delegations (collective_id, delegator_id, topic) where revoked_at is null`,
    `create index delegations_collective_idx on delegations (collective_id, created_at, id)`,
    `create index delegations_delegator_idx on delegations (collective_id, delegator_id, created_at desc, id)`,
    `create table vetoes (
      seq bigint generated always as identity primary key,
      proposal_id uuid not null references proposals (id),
      holder text not null,
      vetoer_id uuid not null references users (id),
      reason text not null,
      at timestamptz(3) not null
    )`,
    `create index vetoes_proposal_idx on vetoes (proposal_id, seq)`,
    `create table proposal_comments (
      id uuid primary key,
      proposal_id uuid not null references proposals (id),
      author_id uuid not null references users (id),
      body text not null,
      created_at timestamptz(3) not null
    )`,
    `create index proposal_comments_proposal_idx on proposal_comments (proposal_id, created_at, id)`,
    `create table notifications (
      id uuid primary key,
      user_id uuid not null references users (id),
      collective_id uuid not null references collectives (id),
      kind text not null check (kind in ('proposal.opened', 'proposal.closing_soon', 'proposal.decided')),
      proposal_id uuid not null references proposals (id),
      created_at timestamptz(3) not null,
      read_at timestamptz(3)
    )`,
    `create index notifications_user_idx on notifications (user_id, collective_id, created_at desc, id desc)`,
    // Each notice goes to a user once per proposal: a repeated or concurrent send adds nothing.
    `create unique index notifications_once_key on notifications (proposal_id, kind, user_id)`,
    `create function governance_append_only() returns trigger language plpgsql as $$
    begin
      raise exception '% is append-only (rule G3): % is not allowed', tg_table_name, tg_op
        using errcode = 'restrict_violation',
              hint = 'What a decision is computed from is never rewritten: add a new row instead.';
    end
    $$`,
    ...['ballots', 'proposal_electorate', 'charters', 'vetoes'].flatMap((t) => [
      `create trigger ${t}_append_only before update or delete on ${t} for each row execute function governance_append_only()`,
      `create trigger ${t}_no_truncate before truncate on ${t} for each statement execute function governance_append_only()`,
    ]),
  ],
};
