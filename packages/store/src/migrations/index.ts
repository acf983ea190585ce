import { m0001Initial } from './0001_initial.ts';
import { m0002LogTree } from './0002_log_tree.ts';
import { m0003RecordDedup } from './0003_record_dedup.ts';
import { m0004Consent } from './0004_consent.ts';
import { m0005Governance } from './0005_governance.ts';
import type { Migration } from './migration.ts';

/** Every migration, in order. Add new ones at the end with the next number. */
export const MIGRATIONS: readonly Migration[] = [m0001Initial, m0002LogTree, m0003RecordDedup, m0004Consent, m0005Governance];
