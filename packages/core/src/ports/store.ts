import type { ApiToken, Session, User, UserWithSecret } from '../accounts/user.ts';
import type { Collective } from '../collectives/collective.ts';
import type { Invitation } from '../collectives/invitation.ts';
import type { Membership } from '../collectives/membership.ts';
import type { ConsentRecord, NewConsentRecord, PurposeId } from '../consent/types.ts';
import type { GovernanceReader, GovernanceRepository } from './governance.ts';
import type { Role } from '../collectives/roles.ts';
import type { DataRecord } from '../datasets/record.ts';
import type { Dataset } from '../datasets/schema.ts';
import type { LogEntryBody, StoredLogEntry } from '../log/entry.ts';
import type { BoundedAggregatePlan, BoundedAggregateRows } from '../privacy/aggregate-plan.ts';

/**
 * The storage the domain needs, declared here and implemented by packages/store (DESIGN.md
 * example 2). Readers may be used anywhere; writers exist only inside `Store.transact`, so every
 * change and its log entry commit together or not at all (rule T1, example 5).
 */

/** A page of results and the cursor for the next page (null at the end). */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export interface PageRequest {
  limit: number;
  cursor?: string | null;
}

export interface UserReader {
  byId(id: string): Promise<User | undefined>;
  byEmail(email: string): Promise<UserWithSecret | undefined>;
}
export interface UserRepository extends UserReader {
  /** Throws ConflictError `email_taken` when the e-mail is in use. */
  create(user: { id: string; email: string; displayName: string; passwordHash: string | null }): Promise<User>;
  setPasswordHash(id: string, passwordHash: string): Promise<void>;
}

export interface SessionReader {
  /** A session that has not expired at `now`. */
  byTokenHash(tokenHash: string, now: Date): Promise<Session | undefined>;
}
export interface SessionRepository extends SessionReader {
  create(session: Session): Promise<void>;
  deleteByTokenHash(tokenHash: string): Promise<void>;
  deleteExpired(now: Date): Promise<number>;
}

export interface ApiTokenReader {
  /** A token that is not revoked and not expired at `now`. */
  byTokenHash(tokenHash: string, now: Date): Promise<ApiToken | undefined>;
  listForUser(userId: string): Promise<ApiToken[]>;
}
export interface ApiTokenRepository extends ApiTokenReader {
  create(token: Omit<ApiToken, 'lastUsedAt' | 'revokedAt'>): Promise<void>;
  /** Revokes the user's token; false when there is no such live token of that user. */
  revoke(id: string, userId: string, now: Date): Promise<boolean>;
  touch(id: string, now: Date): Promise<void>;
}

export interface CollectiveReader {
  byId(id: string): Promise<Collective | undefined>;
  bySlug(slug: string): Promise<Collective | undefined>;
  /** The collectives the user holds any role in, with those roles. */
  listForUser(userId: string): Promise<Array<{ collective: Collective; roles: Role[] }>>;
  /** The secret salt of the collective's log pseudonyms (never leaves the server). */
  logSalt(id: string): Promise<string>;
}
export interface CollectiveRepository extends CollectiveReader {
  /** Throws ConflictError `slug_taken` when the slug is in use. */
  create(collective: Collective & { logSalt: string }): Promise<void>;
}

export interface MembershipReader {
  rolesOf(collectiveId: string, userId: string): Promise<Role[]>;
  countByRole(collectiveId: string): Promise<Record<Role, number>>;
  /** Members with their roles and e-mail, for stewards; ordered by join time. */
  list(collectiveId: string, page: PageRequest): Promise<Page<{ user: User; roles: Role[]; joinedAt: Date }>>;
}
export interface MembershipRepository extends MembershipReader {
  /** Adds a role; adding a role already held does nothing and returns false. */
  add(membership: Membership): Promise<boolean>;
  /** Removes every role the user holds; returns how many were removed. */
  removeAll(collectiveId: string, userId: string): Promise<number>;
}

export interface InvitationReader {
  listForCollective(collectiveId: string): Promise<Invitation[]>;
  byTokenHash(tokenHash: string): Promise<Invitation | undefined>;
}
export interface InvitationRepository extends InvitationReader {
  create(invitation: Invitation): Promise<void>;
  /**
   * Marks an open invitation used, atomically: of two concurrent calls with the same token only
   * one gets the invitation back. Undefined when unknown, used, revoked or expired at `now`.
   */
  consume(tokenHash: string, userId: string, now: Date): Promise<Invitation | undefined>;
  revoke(id: string, collectiveId: string, now: Date): Promise<boolean>;
}

export interface DatasetReader {
  byId(id: string): Promise<Dataset | undefined>;
  bySlug(collectiveId: string, slug: string): Promise<Dataset | undefined>;
  list(collectiveId: string): Promise<Dataset[]>;
}
export interface DatasetRepository extends DatasetReader {
  /** Throws ConflictError `dataset_slug_taken` when the slug is in use in the collective. */
  create(dataset: Dataset): Promise<void>;
}

/**
 * A record to insert; the store stamps `createdAt`. `dedupKey` is the record's identity within
 * the member's dataset: a second record with the same key is skipped, not added.
 */
export type NewRecord = Omit<DataRecord, 'createdAt'> & { dedupKey?: string | null };

export interface RecordReader {
  /** Record counts per dataset id for the collective (aggregates only). */
  countByDataset(collectiveId: string): Promise<Record<string, number>>;
  /** Record count per dataset id for one member. */
  countForMember(collectiveId: string, memberId: string): Promise<Record<string, number>>;
  /** One member's own records in one dataset, newest first (rule S1: callers pass the member). */
  listForMember(datasetId: string, memberId: string, page: PageRequest): Promise<Page<DataRecord>>;
  /** Number of distinct members who have records in the collective. */
  countContributors(collectiveId: string): Promise<number>;
  /**
   * A page of every record of one member in the collective's datasets (only `datasetIds`, when
   * given): dataset by dataset as `datasets.list` orders them, each newest first, with a keyset
   * cursor, for reading all of a member's data in large batches (pages up to 10 000; rule S1:
   * callers pass the member).
   */
  pageForMember(collectiveId: string, memberId: string, page: PageRequest & { datasetIds?: readonly string[] }): Promise<Page<DataRecord>>;
}
/**
 * The one reader of many members' records at once. Only the consent gate's path in the app may
 * call `scanForMembers` (an architecture test checks it): callers pass the members the gate
 * allowed, so no other code can reach records without consent (rules C1, S1).
 */
export interface GatedRecordReader {
  /** Records of `datasetId` belonging to any of `memberIds`, in (member, id) order, with a keyset cursor; pages up to 10 000. */
  scanForMembers(datasetId: string, memberIds: readonly string[], page: PageRequest): Promise<Page<DataRecord>>;
  /**
   * The exact, member-bounded aggregates of a private query over `memberIds`' records of the
   * plan's dataset, per group (semantics in privacy/aggregate-plan.ts). No noise: the caller adds it.
   */
  aggregateBounded(plan: BoundedAggregatePlan, memberIds: readonly string[]): Promise<BoundedAggregateRows>;
}

export interface RecordRepository extends RecordReader {
  /** Inserts records, skipping any whose dedup key the member's dataset already holds; returns how many were added. */
  insertMany(records: NewRecord[]): Promise<number>;
}

/** A signed checkpoint of a collective's log, kept forever (witnessing, rule T2). */
export interface StoredCheckpoint {
  collectiveId: string;
  size: number;
  root: Uint8Array;
  /** The C2SP signed note. */
  note: string;
  createdAt: Date;
}

export interface LogReader {
  size(collectiveId: string): Promise<number>;
  /** Entries from `fromIndex` in index order, optionally only those of one type. */
  list(collectiveId: string, fromIndex: number, limit: number, type?: string): Promise<StoredLogEntry[]>;
  /** Entries whose subject is the given pseudonym, in index order. */
  listBySubject(collectiveId: string, subject: string, limit: number): Promise<StoredLogEntry[]>;
  /** Stored Merkle hashes by their tlog storage index, in the order asked; throws if one is missing. */
  readHashes(collectiveId: string, indexes: number[]): Promise<Uint8Array[]>;
  latestCheckpoint(collectiveId: string): Promise<StoredCheckpoint | undefined>;
  checkpointAt(collectiveId: string, size: number): Promise<StoredCheckpoint | undefined>;
  /** Collectives whose log has grown past their latest checkpoint, with the log's size. */
  uncheckpointed(): Promise<Array<{ collectiveId: string; size: number }>>;
}
export interface LogRepository extends LogReader {
  /**
   * Appends entries to the collective's log in order, with their Merkle tree hashes, in the
   * caller's transaction; returns the index of the first.
   */
  append(collectiveId: string, entries: LogEntryBody[]): Promise<number>;
  /** Keeps a signed checkpoint; adding the same size twice does nothing. */
  addCheckpoint(checkpoint: Omit<StoredCheckpoint, 'createdAt'>): Promise<void>;
}

export interface ConsentReader {
  /** One record of the collective by id. */
  byId(collectiveId: string, id: string): Promise<ConsentRecord | undefined>;
  /** A member's whole consent history in the collective, oldest first (rule C3: never rewritten). */
  historyForMember(collectiveId: string, memberId: string): Promise<ConsentRecord[]>;
  /**
   * Every record, of every member, recorded at or before `at` whose scope names `datasetId` and
   * `purpose` — the records that can decide a use; oldest first. The gate picks the newest per member.
   */
  forUse(collectiveId: string, use: { datasetId: string; purpose: PurposeId; at: Date }): Promise<ConsentRecord[]>;
  /** Every record of the collective recorded at or before `at`, oldest first (for coverage counts). */
  listForCollective(collectiveId: string, at: Date): Promise<ConsentRecord[]>;
}
export interface ConsentRepository extends ConsentReader {
  /** Appends records in order, assigning each a sequence number larger than any before; returns them as stored. */
  append(records: Array<NewConsentRecord & { id: string; recordedAt: Date }>): Promise<ConsentRecord[]>;
}

export interface Readers {
  users: UserReader;
  sessions: SessionReader;
  apiTokens: ApiTokenReader;
  collectives: CollectiveReader;
  memberships: MembershipReader;
  invitations: InvitationReader;
  datasets: DatasetReader;
  records: RecordReader;
  consents: ConsentReader;
  governance: GovernanceReader;
  log: LogReader;
}

export interface Repositories {
  users: UserRepository;
  sessions: SessionRepository;
  apiTokens: ApiTokenRepository;
  collectives: CollectiveRepository;
  memberships: MembershipRepository;
  invitations: InvitationRepository;
  datasets: DatasetRepository;
  records: RecordRepository;
  consents: ConsentRepository;
  governance: GovernanceRepository;
  log: LogRepository;
}

export interface Store {
  /** `pglite` (embedded) or `postgres`. */
  readonly kind: 'pglite' | 'postgres';
  readonly read: Readers;
  /** Runs `fn` in one transaction (READ COMMITTED; races are settled by row locks and conditional updates); rolls back if it throws. */
  transact<T>(fn: (tx: Repositories) => Promise<T>): Promise<T>;
  /**
   * Runs `fn` against one consistent snapshot of the database (a READ ONLY, REPEATABLE READ
   * transaction on PostgreSQL): everything it reads, consents and records alike, is as of the
   * moment it started. Uses of data run here, so a revocation committed before a use starts
   * applies to all of it (rule C2). Only in a snapshot can `gated` records be read.
   */
  snapshot<T>(fn: (read: Readers & { gated: GatedRecordReader }) => Promise<T>): Promise<T>;
  /** Resolves when the database answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
