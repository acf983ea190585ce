import type { ColumnType, Generated, GeneratedAlways } from 'kysely';

/**
 * The tables as Kysely sees them (snake_case, as stored). `bigint` counters are typed as what
 * the drivers return (pg: string, PGlite: number) and converted with `Number` when read.
 * JSON columns are written as JSON text and read back parsed.
 */
type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;
type Int8 = ColumnType<string | number | bigint, number, number>;

export interface UsersTable {
  id: string;
  email: string;
  display_name: string;
  password_hash: string | null;
  created_at: Date;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: Date;
  expires_at: Date;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface CollectivesTable {
  id: string;
  slug: string;
  name: string;
  kind: string;
  description: string;
  log_salt: string;
  created_at: Date;
}

export interface MembershipsTable {
  collective_id: string;
  user_id: string;
  role: string;
  joined_at: Date;
}

export interface InvitationsTable {
  id: string;
  collective_id: string;
  role: string;
  token_hash: string;
  created_by: string;
  created_at: Date;
  expires_at: Date;
  used_at: Date | null;
  used_by: string | null;
  revoked_at: Date | null;
  note: string;
}

export interface DatasetsTable {
  id: string;
  collective_id: string;
  slug: string;
  name: string;
  description: string;
  schema: Json<unknown>;
  canonical: string | null;
  created_at: Date;
}

export interface RecordsTable {
  id: string;
  collective_id: string;
  dataset_id: string;
  member_id: string;
  data: Json<unknown>;
  occurred_at: Date | null;
  source: string;
  import_id: string | null;
  created_at: Generated<Date>;
  dedup_key: string | null;
}

export interface LogEntriesTable {
  collective_id: string;
  idx: Int8;
  body: string;
  type: string;
  subject: string | null;
  created_at: Generated<Date>;
}

export interface LogHashesTable {
  collective_id: string;
  idx: Int8;
  hash: Uint8Array;
}

export interface LogCheckpointsTable {
  collective_id: string;
  size: Int8;
  root: Uint8Array;
  note: string;
  created_at: Generated<Date>;
}

export interface LogHeadsTable {
  collective_id: string;
  size: Int8;
}

/** Append-only (a trigger refuses UPDATE and DELETE, rule C3); written by raw SQL in repos/consents.ts. */
export interface ConsentRecordsTable {
  id: string;
  seq: GeneratedAlways<string | number | bigint>;
  collective_id: string;
  member_id: string;
  status: string;
  legal_basis: string;
  method: string;
  notice_digest: string;
  recorded_at: Date;
  expires_at: Date | null;
  review_at: Date | null;
  in_reply_to: string | null;
  scope: Json<unknown>;
  /** Derived from `scope` on insert, for the GIN index of `forUse`. */
  dataset_ids: ColumnType<string[], never, never>;
  purposes: ColumnType<string[], never, never>;
}

export interface ProposalsTable {
  id: string;
  collective_id: string;
  kind: string;
  title: string;
  body: string;
  options: Json<unknown>;
  payload: Json<unknown>;
  status: string;
  rule: NullableJson<unknown>;
  charter_version: number | null;
  created_by: string;
  created_at: Date;
  opened_at: Date | null;
  closes_at: Date | null;
  closed_at: Date | null;
  result: NullableJson<unknown>;
  closing_soon_sent: Generated<boolean>;
}

/** Append-only (rule G3): versions are added, never changed. */
export interface ChartersTable {
  collective_id: string;
  version: number;
  charter: Json<unknown>;
  digest: string;
  adopted_at: Date;
  proposal_id: string | null;
}

/** Append-only (rule G3): fixed when the proposal opens. */
export interface ProposalElectorateTable {
  proposal_id: string;
  member_id: string;
}

/** Append-only (rule G3): a trigger refuses UPDATE and DELETE. */
export interface BallotsTable {
  seq: GeneratedAlways<string | number | bigint>;
  proposal_id: string;
  voter_id: string;
  choice: Json<unknown>;
  cast_at: Date;
}

export interface DelegationsTable {
  id: string;
  collective_id: string;
  delegator_id: string;
  delegate_id: string;
  topic: string;
  created_at: Date;
  revoked_at: Date | null;
}

/** Append-only (rule G3). */
export interface VetoesTable {
  seq: GeneratedAlways<string | number | bigint>;
  proposal_id: string;
  holder: string;
  vetoer_id: string;
  reason: string;
  at: Date;
}

export interface ProposalCommentsTable {
  id: string;
  proposal_id: string;
  author_id: string;
  body: string;
  created_at: Date;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  collective_id: string;
  kind: string;
  proposal_id: string;
  created_at: Date;
  read_at: Date | null;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: Generated<Date>;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  collectives: CollectivesTable;
  memberships: MembershipsTable;
  invitations: InvitationsTable;
  datasets: DatasetsTable;
  records: RecordsTable;
  log_entries: LogEntriesTable;
  log_heads: LogHeadsTable;
  log_hashes: LogHashesTable;
  log_checkpoints: LogCheckpointsTable;
  consent_records: ConsentRecordsTable;
  proposals: ProposalsTable;
  charters: ChartersTable;
  proposal_electorate: ProposalElectorateTable;
  ballots: BallotsTable;
  delegations: DelegationsTable;
  vetoes: VetoesTable;
  proposal_comments: ProposalCommentsTable;
  notifications: NotificationsTable;
  schema_migrations: SchemaMigrationsTable;
}
