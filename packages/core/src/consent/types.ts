/**
 * Consent as Steward records it: one immutable record per change (rule C3), with the fields of
 * ISO/IEC TS 27560 as profiled by the W3C Data Privacy Vocabulary. A member's current consent for
 * one cell (dataset × purpose × recipient) is decided by the newest record whose scope covers it.
 */

/** A purpose id: a DPV purpose (`dpv:…`) or one of Steward's extensions (`stw:…`). */
export type PurposeId = string;

/** The kinds of party that may receive results from a member's data. */
export const RECIPIENT_CATEGORIES = ['collective', 'academic', 'public_body', 'journalist', 'non_profit', 'commercial'] as const;
export type RecipientCategory = (typeof RECIPIENT_CATEGORIES)[number];

/**
 * Who receives: a whole category, or one named requester (an organisation id). A use by a named
 * requester is covered by records naming that requester or its category.
 */
export type Recipient = { category: RecipientCategory } | { category: RecipientCategory; requesterId: string };

/** One dataset in a consent scope; `fields` limits the consent to those fields (absent: all fields). */
export interface ConsentDatasetScope {
  datasetId: string;
  fields?: string[];
}

/** The rectangle of cells a record decides: every dataset × every purpose × every recipient. */
export interface ConsentScope {
  datasets: ConsentDatasetScope[];
  purposes: PurposeId[];
  recipients: Recipient[];
}

/**
 * DPV consent statuses a record can carry. `given` permits use; `withdrawn` (a revocation) and
 * `refused` (a "no" to a request) forbid it. Expiry is not stored as a status: it is derived
 * from `expiresAt` at the time of use.
 */
export const CONSENT_STATUSES = ['given', 'withdrawn', 'refused'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];

/** How the member expressed the decision (27560 "method"). */
export const CONSENT_METHODS = ['web', 'api', 'cli', 'request_answer', 'steward_on_behalf'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** A stored consent record (ISO/IEC TS 27560 fields via DPV). Immutable once written. */
export interface ConsentRecord {
  /** Record id (UUID). */
  id: string;
  /** Per-collective sequence: the order of decisions; later wins. */
  seq: number;
  collectiveId: string;
  /** The data subject: the member's user id. */
  memberId: string;
  scope: ConsentScope;
  status: ConsentStatus;
  /** Always `dpv:Consent` today; kept so other legal bases can be recorded later. */
  legalBasis: 'dpv:Consent';
  method: ConsentMethod;
  /** Hex SHA-256 of the notice text the member was shown (see consentNotice). */
  noticeDigest: string;
  /** Time of the decision. */
  recordedAt: Date;
  /** No use after this instant (only for `given`). */
  expiresAt: Date | null;
  /** When the member is asked to look at it again (only for `given`). */
  reviewAt: Date | null;
  /** The record this one answers or replaces, when there is one (e.g. a request id). */
  inReplyTo: string | null;
}

/** A decision to be recorded: a ConsentRecord before the store stamps id, seq and time. */
export type NewConsentRecord = Omit<ConsentRecord, 'id' | 'seq' | 'recordedAt'>;

/** One use of data that asks the gate which members' records it may include. */
export interface DataUse {
  datasetId: string;
  /** The fields the use reads; absent means every field of the dataset. */
  fields?: string[];
  purpose: PurposeId;
  recipient: Recipient;
  /** When the use starts (rule C2: decisions recorded after it do not apply to it). */
  at: Date;
}

export type ConsentReason =
  /** The newest covering record gives consent, unexpired, and covers the fields. */
  | 'consent_given'
  /** No record covers the cell: opt-in means no use (C1). */
  | 'no_consent'
  | 'withdrawn'
  | 'refused'
  | 'expired'
  /** The newest covering record limits the dataset to fields the use goes beyond. */
  | 'fields_not_covered';

export interface ConsentDecision {
  memberId: string;
  allowed: boolean;
  reason: ConsentReason;
  /** The record that decided, when one did. */
  recordId: string | null;
}

export interface GateResult {
  /** Members whose records the use may include, sorted. */
  allowed: string[];
  /** One decision per member asked about, sorted by member id. */
  decisions: ConsentDecision[];
}
