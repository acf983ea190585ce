import type { Migration } from './migration.ts';

/**
 * Consent records (issue: consent), one immutable row per decision (ISO/IEC TS 27560 fields).
 *
 * `seq` is the order of decisions: an identity, so later rows get larger numbers (the gate takes
 * a member's newest covering record). `dataset_ids` and `purposes` repeat what `scope` names, as
 * arrays a GIN index can search, so `forUse` reads only the records that name the dataset and the
 * purpose; the insert derives them from `scope` so the two cannot disagree.
 *
 * The table is append-only (rule C3): a trigger raises on every UPDATE and DELETE, and TRUNCATE
 * is refused too. History is never rewritten. The one exception is erasure (rule D2, issue 9):
 * deleting a member's rows must be a deliberate act, so DELETE passes only in a transaction that
 * has set `steward.allow_consent_erasure` to its own transaction id
 * (`select set_config('steward.allow_consent_erasure', txid_current()::text, true)`, see
 * `allowConsentErasure` in repos/consents.ts). A value set for the session, or left over from
 * another transaction, does not match and the trigger still raises. The erasure use-case is
 * expected to log the erasure in the same transaction (rule T1). UPDATE is never allowed.
 */
export const m0004Consent: Migration = {
  version: 4,
  name: 'consent records',
  statements: [
    `create table consent_records (
      id uuid primary key,
      seq bigint generated always as identity constraint consent_records_seq_key unique,
      collective_id uuid not null references collectives (id),
      member_id uuid not null references users (id),
      status text not null check (status in ('given', 'withdrawn', 'refused')),
      legal_basis text not null check (legal_basis = 'dpv:Consent'),
      method text not null check (method in ('web', 'api', 'cli', 'request_answer', 'steward_on_behalf')),
      notice_digest text not null check (notice_digest ~ '^[0-9a-f]{64}$'),
      recorded_at timestamptz(3) not null,
      expires_at timestamptz(3),
      review_at timestamptz(3),
      in_reply_to text,
      scope jsonb not null check (jsonb_typeof(scope) = 'object'),
      dataset_ids text[] not null,
      purposes text[] not null,
      constraint consent_records_terms_check check (status = 'given' or (expires_at is null and review_at is null))
    )`,
    // A member's history in order.
    `create index consent_records_member_idx on consent_records (collective_id, member_id, seq)`,
    // The whole collective in order, as of a time (coverage counts).
    `create index consent_records_collective_idx on consent_records (collective_id, seq)`,
    // forUse: the records whose scope names a dataset and a purpose (array containment).
    `create index consent_records_use_idx on consent_records using gin (dataset_ids, purposes)`,
    `create function consent_records_append_only() returns trigger language plpgsql as $$
    begin
      if tg_op = 'DELETE' and current_setting('steward.allow_consent_erasure', true) = txid_current()::text then
        return old;
      end if;
      raise exception 'consent_records is append-only (rule C3): % is not allowed', tg_op
        using errcode = 'restrict_violation',
              hint = 'Record a new decision instead. Erasure of a member must go through the logged erasure path.';
    end
    $$`,
    `create trigger consent_records_append_only
      before update or delete on consent_records
      for each row execute function consent_records_append_only()`,
    `create trigger consent_records_no_truncate
      before truncate on consent_records
      for each statement execute function consent_records_append_only()`,
  ],
};
