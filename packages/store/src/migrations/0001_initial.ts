import type { Migration } from './migration.ts';

// Timestamps are timestamptz(3): millisecond precision, exactly what a JS Date holds, so a
// value read back compares equal to the one written and keyset cursors built from Dates are exact.
export const m0001Initial: Migration = {
  version: 1,
  name: 'initial',
  statements: [
    `create table users (
      id uuid primary key,
      email text not null constraint users_email_key unique,
      display_name text not null,
      password_hash text,
      created_at timestamptz(3) not null default now()
    )`,
    `create table sessions (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      token_hash text not null constraint sessions_token_hash_key unique,
      created_at timestamptz(3) not null,
      expires_at timestamptz(3) not null
    )`,
    `create index sessions_user_idx on sessions (user_id)`,
    `create index sessions_expires_idx on sessions (expires_at)`,
    `create table api_tokens (
      id uuid primary key,
      user_id uuid not null references users (id) on delete cascade,
      name text not null,
      token_hash text not null constraint api_tokens_token_hash_key unique,
      prefix text not null,
      created_at timestamptz(3) not null,
      last_used_at timestamptz(3),
      expires_at timestamptz(3),
      revoked_at timestamptz(3)
    )`,
    `create index api_tokens_user_idx on api_tokens (user_id, created_at)`,
    `create table collectives (
      id uuid primary key,
      slug text not null constraint collectives_slug_key unique,
      name text not null,
      kind text not null,
      description text not null default '',
      log_salt text not null,
      created_at timestamptz(3) not null
    )`,
    `create table memberships (
      collective_id uuid not null references collectives (id),
      user_id uuid not null references users (id),
      role text not null check (role in ('member', 'steward', 'requester', 'auditor')),
      joined_at timestamptz(3) not null,
      primary key (collective_id, user_id, role)
    )`,
    `create index memberships_user_idx on memberships (user_id)`,
    `create table invitations (
      id uuid primary key,
      collective_id uuid not null references collectives (id),
      role text not null check (role in ('member', 'steward', 'requester', 'auditor')),
      token_hash text not null constraint invitations_token_hash_key unique,
      created_by uuid not null references users (id),
      created_at timestamptz(3) not null,
      expires_at timestamptz(3) not null,
      used_at timestamptz(3),
      used_by uuid references users (id),
      revoked_at timestamptz(3),
      note text not null default ''
    )`,
    `create index invitations_collective_idx on invitations (collective_id, created_at)`,
    `create table datasets (
      id uuid primary key,
      collective_id uuid not null references collectives (id),
      slug text not null,
      name text not null,
      description text not null default '',
      schema jsonb not null,
      canonical text,
      created_at timestamptz(3) not null,
      constraint datasets_collective_slug_key unique (collective_id, slug)
    )`,
    // Records are the bulk of the data and carry no foreign keys: the per-row checks cost about a
    // quarter of the bulk-load time on PGlite (measured), and the use-cases that write records
    // have just read the dataset and the membership they point at.
    `create table records (
      id uuid primary key,
      collective_id uuid not null,
      dataset_id uuid not null,
      member_id uuid not null,
      data jsonb not null,
      occurred_at timestamptz(3),
      source text not null,
      import_id text,
      created_at timestamptz(3) not null default now()
    )`,
    // A member's own records, newest first, with id as the keyset tie-breaker.
    `create index records_member_time_idx on records (dataset_id, member_id, occurred_at desc nulls last, id desc)`,
    `create index records_collective_member_idx on records (collective_id, member_id)`,
    `create table log_heads (
      collective_id uuid primary key references collectives (id),
      size bigint not null check (size >= 0)
    )`,
    `create table log_entries (
      collective_id uuid not null references log_heads (collective_id),
      idx bigint not null check (idx >= 0),
      body text not null,
      created_at timestamptz(3) not null default now(),
      primary key (collective_id, idx)
    )`,
  ],
};
