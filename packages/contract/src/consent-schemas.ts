import { z } from 'zod';
import { Id, IsoTime } from './schemas.ts';

/** Schemas of the consent routes (DESIGN.md C1–C3; ISO/IEC TS 27560 fields via W3C DPV). */

export const RecipientCategory = z.enum(['collective', 'academic', 'public_body', 'journalist', 'non_profit', 'commercial']);

export const PurposeId = z
  .string()
  .regex(/^(dpv|stw):[A-Za-z]{2,80}$/)
  .meta({ description: 'A W3C DPV purpose (dpv:AcademicResearch) or a Steward extension (stw:CollectiveBargaining)' });

export const Recipient = z
  .object({
    category: RecipientCategory,
    requesterId: z.string().min(1).max(100).optional().meta({ description: 'One named requester organisation; absent for the whole category' }),
  })
  .strict();

export const ConsentScope = z
  .object({
    datasets: z
      .array(z.object({ datasetId: Id, fields: z.array(z.string().min(1).max(100)).min(1).max(200).optional() }).strict())
      .min(1)
      .max(100),
    purposes: z.array(PurposeId).min(1).max(50),
    recipients: z.array(Recipient).min(1).max(50),
  })
  .strict()
  .meta({ id: 'ConsentScope', description: 'Every dataset × every purpose × every recipient; `fields` limits a dataset to those fields' });

export const ConsentStatus = z.enum(['given', 'withdrawn', 'refused']);

export const ConsentChange = z
  .object({
    scope: ConsentScope,
    status: ConsentStatus,
    expiresAt: IsoTime.nullable().optional().meta({ description: 'No use after this time (given only)' }),
    reviewAt: IsoTime.nullable().optional().meta({ description: 'When you are reminded to look again (given only)' }),
  })
  .strict()
  .meta({ id: 'ConsentChange' });

/** What a member decides in one go: explicit changes, or a preset over some or all datasets. */
export const ConsentDecisionInput = z
  .object({
    changes: z.array(ConsentChange).min(1).max(50).optional(),
    preset: z.string().min(1).max(64).optional().meta({ description: 'A preset id from the consent options' }),
    datasetIds: z.array(Id).min(1).max(100).optional().meta({ description: 'With a preset: the datasets it applies to (default: all)' }),
    expiresAt: IsoTime.nullable().optional().meta({ description: 'With a preset: when the consent it gives ends' }),
    reviewAt: IsoTime.nullable().optional().meta({ description: 'With a preset: when to be reminded' }),
  })
  .strict();

export const ConsentRecordBody = ConsentDecisionInput.extend({
  noticeDigest: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .meta({ description: 'SHA-256 (hex) of the notice text you were shown for this decision, from the notice route' }),
}).strict();

export const ConsentNotice = z
  .object({ text: z.string(), digest: z.string(), vocabularyVersion: z.string() })
  .meta({ id: 'ConsentNotice', description: 'The plain-language notice to show before deciding, and its digest to send back' });

export const ConsentState = z.enum(['active', 'superseded', 'expired', 'due_for_review', 'withdrawn', 'refused']);

export const ConsentRecord = z
  .object({
    id: Id,
    seq: z.number().int(),
    scope: ConsentScope,
    status: ConsentStatus,
    state: ConsentState,
    legalBasis: z.string(),
    method: z.string(),
    noticeDigest: z.string(),
    recordedAt: IsoTime,
    expiresAt: IsoTime.nullable(),
    reviewAt: IsoTime.nullable(),
    inReplyTo: z.string().nullable(),
  })
  .meta({ id: 'ConsentRecord', description: 'One immutable consent record (ISO/IEC TS 27560 fields); a change is a new record' });

export const ConsentCell = z
  .object({
    datasetId: Id,
    purpose: PurposeId,
    category: RecipientCategory,
    allowed: z.boolean(),
    reason: z.string().meta({ description: 'consent_given, no_consent, withdrawn, refused, expired or fields_not_covered' }),
    recordId: z.string().nullable(),
    fields: z.array(z.string()).nullable().meta({ description: 'The fields the consent is limited to, when it is' }),
    expiresAt: IsoTime.nullable(),
    reviewAt: IsoTime.nullable(),
  })
  .meta({ id: 'ConsentCell' });

export const MyConsent = z
  .object({
    at: IsoTime,
    cells: z.array(ConsentCell).meta({ description: 'Every dataset × purpose × recipient category, as decided now' }),
    named: z.array(ConsentCell.extend({ requesterId: z.string() })).meta({ description: 'Decisions about named requesters' }),
    history: z.array(ConsentRecord).meta({ description: 'Every record, newest first' }),
    dueForReview: z.array(Id).meta({ description: 'Records past their review date that still apply' }),
  })
  .meta({ id: 'MyConsent' });

export const ConsentRecorded = z
  .object({ records: z.array(ConsentRecord), logIndexes: z.array(z.number().int()) })
  .meta({ id: 'ConsentRecorded' });

export const ConsentOptions = z
  .object({
    vocabularyVersion: z.string(),
    purposes: z.array(z.object({ id: z.string(), iri: z.string(), label: z.string(), explanation: z.string(), examples: z.array(z.string()) })),
    recipients: z.array(z.object({ category: RecipientCategory, label: z.string(), explanation: z.string() })),
    presets: z.array(z.object({ id: z.string(), label: z.string(), explanation: z.string() })),
    datasets: z.array(
      z.object({
        id: Id,
        slug: z.string(),
        name: z.string(),
        description: z.string(),
        categories: z.array(z.string()),
        fields: z.array(z.object({ name: z.string(), category: z.string(), description: z.string() })),
      }),
    ),
  })
  .meta({ id: 'ConsentOptions', description: 'What a member can consent to, in plain words' });

export const ConsentCoverage = z
  .object({
    at: IsoTime,
    members: z.number().int().meta({ description: 'Members of the collective' }),
    cells: z.array(z.object({ datasetId: Id, purpose: PurposeId, category: RecipientCategory, members: z.number().int() })),
  })
  .meta({ id: 'ConsentCoverage', description: 'How many members consent to each use, now; never who' });

const Named = z.object({ id: z.string(), name: z.string() });

export const ConsentReceiptRecord = z
  .object({
    identifier: z.string(),
    seq: z.number().int(),
    dataSubject: z.string(),
    controller: Named.extend({ url: z.string().optional() }),
    purposes: z.array(z.object({ id: z.string(), iri: z.string(), label: z.string() })),
    personalDataCategories: z.array(z.string()),
    datasets: z.array(Named.extend({ fields: z.array(z.string()).optional() })),
    recipients: z.array(z.object({ category: RecipientCategory, label: z.string(), requesterId: z.string().optional() })),
    legalBasis: z.object({ id: z.literal('dpv:Consent'), iri: z.string() }),
    status: z.object({ id: ConsentStatus, iri: z.string() }),
    method: z.enum(['web', 'api', 'cli', 'request_answer', 'steward_on_behalf']),
    notice: z.object({ algorithm: z.literal('sha-256'), digest: z.string() }),
    recordedAt: IsoTime,
    expiresAt: IsoTime.nullable(),
    reviewAt: IsoTime.nullable(),
    inReplyTo: z.string().nullable(),
    logIndex: z.number().int().optional().meta({ description: 'Index of the record’s entry in the collective’s transparency log' }),
    vocabularyVersion: z.string(),
  })
  .meta({ id: 'ConsentReceiptRecord', description: 'ISO/IEC TS 27560 fields, W3C DPV terms' });

export const ConsentReceipt = z
  .object({
    v: z.literal(1),
    type: z.literal('steward-consent-receipt'),
    record: ConsentReceiptRecord,
    signature: z.string().meta({ description: 'C2SP signed note over the SHA-256 of the canonical JSON of `record`, by the collective’s log key' }),
  })
  .meta({ id: 'ConsentReceipt', description: 'A signed consent receipt; verify it with the collective’s log key (GET /collectives/{slug}/log/key)' });
