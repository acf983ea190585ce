import type { Migration } from './migration.ts';

/**
 * The Merkle tree of each collective's log and its signed checkpoints (issue 3).
 * `log_hashes` holds the tree's stored hashes in Go tlog's numbering (each append stores the
 * leaf hash and the hashes of the subtrees it completes), from which any tile, tree hash,
 * inclusion or consistency proof is read without rehashing the log.
 */
export const m0002LogTree: Migration = {
  version: 2,
  name: 'log tree and checkpoints',
  statements: [
    `create table log_hashes (
      collective_id uuid not null references log_heads (collective_id),
      idx bigint not null check (idx >= 0),
      hash bytea not null check (length(hash) = 32),
      primary key (collective_id, idx)
    )`,
    `create table log_checkpoints (
      collective_id uuid not null references log_heads (collective_id),
      size bigint not null check (size > 0),
      root bytea not null check (length(root) = 32),
      note text not null,
      created_at timestamptz(3) not null default now(),
      primary key (collective_id, size)
    )`,
    // Entries' type and subject as columns, so the transparency page can filter and a member can
    // find the entries about them without scanning every body.
    `alter table log_entries add column type text`,
    `alter table log_entries add column subject text`,
    `update log_entries set type = (body::jsonb) ->> 'type', subject = (body::jsonb) ->> 'subject'`,
    `alter table log_entries alter column type set not null`,
    `create index log_entries_type_idx on log_entries (collective_id, type, idx)`,
    `create index log_entries_subject_idx on log_entries (collective_id, subject, idx)`,
  ],
};
