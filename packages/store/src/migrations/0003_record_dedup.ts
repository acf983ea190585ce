import type { Migration } from './migration.ts';

/**
 * A record's identity within a member's dataset (e.g. the platform's trip id, or a digest of the
 * row), so that re-importing the same or an overlapping export adds nothing twice. Null for
 * records with no natural identity: unique indexes treat nulls as distinct.
 */
export const m0003RecordDedup: Migration = {
  version: 3,
  name: 'record dedup keys',
  statements: [
    `alter table records add column dedup_key text`,
    `create unique index records_dedup_idx on records (dataset_id, member_id, dedup_key)`,
  ],
};
