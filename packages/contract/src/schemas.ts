import { z } from 'zod';

/** Shared schemas of the API. Descriptions end up in /openapi.json. */

export const Email = z.string().trim().min(3).max(254).meta({ description: 'E-mail address', example: 'member@demo.example' });
export const Password = z.string().min(1).max(256).meta({ description: 'Password' });
export const NewPassword = z.string().min(10).max(256).meta({ description: 'At least 10 characters; a passphrase is best' });
export const Slug = z.string().trim().min(1).max(48).meta({ description: 'Short name used in URLs', example: 'demo' });
export const Id = z.string().uuid();
export const IsoTime = z.string().meta({ description: 'ISO 8601 time', example: '2026-01-31T12:00:00.000Z' });
export const Role = z.enum(['member', 'steward', 'requester', 'auditor']);
export const CollectiveKind = z.enum(['cooperative', 'union', 'trust', 'community']);

export const User = z
  .object({ id: Id, email: z.string(), displayName: z.string(), createdAt: IsoTime })
  .meta({ id: 'User' });

export const CollectiveSummary = z
  .object({ id: Id, slug: z.string(), name: z.string(), kind: CollectiveKind, description: z.string(), createdAt: IsoTime })
  .meta({ id: 'CollectiveSummary' });

export const MyCollective = CollectiveSummary.extend({ roles: z.array(Role) });

export const Me = z.object({ user: User, collectives: z.array(MyCollective) }).meta({ id: 'Me' });

export const SignedIn = z
  .object({ user: User, csrfToken: z.string().meta({ description: 'Send back as the x-csrf-token header on writes made with the session cookie' }) })
  .meta({ id: 'SignedIn' });

export const ApiToken = z
  .object({
    id: Id,
    name: z.string(),
    prefix: z.string(),
    createdAt: IsoTime,
    lastUsedAt: IsoTime.nullable(),
    expiresAt: IsoTime.nullable(),
    revokedAt: IsoTime.nullable(),
  })
  .meta({ id: 'ApiToken' });

export const NewApiToken = ApiToken.extend({
  token: z.string().meta({ description: 'The secret token. Shown once: store it now.' }),
});

export const FieldType = z.enum(['string', 'integer', 'number', 'boolean', 'timestamp', 'date', 'money']);

export const FieldDef = z.object({
  name: z.string(),
  type: FieldType,
  unit: z.string().optional(),
  category: z.string().meta({ description: 'W3C DPV personal-data category, e.g. pd:Location' }),
  groupable: z.boolean(),
  required: z.boolean(),
  description: z.string().default(''),
  enum: z.array(z.string()).optional(),
  currencyField: z.string().optional(),
});

export const DatasetSchema = z.object({ version: z.literal(1), fields: z.array(FieldDef).min(1).max(200) });

export const Dataset = z
  .object({
    id: Id,
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    canonical: z.string().nullable(),
    schema: DatasetSchema,
    createdAt: IsoTime,
  })
  .meta({ id: 'Dataset' });

export const DatasetWithCount = Dataset.extend({ records: z.number().int() });

export const Invitation = z
  .object({
    id: Id,
    role: Role,
    note: z.string(),
    status: z.enum(['open', 'used', 'expired', 'revoked']),
    createdAt: IsoTime,
    expiresAt: IsoTime,
    usedAt: IsoTime.nullable(),
  })
  .meta({ id: 'Invitation' });

export const NewInvitation = Invitation.extend({
  token: z.string().meta({ description: 'Secret of the single-use link. Shown once.' }),
  path: z.string().meta({ description: 'Path of the invitation page in the web app, e.g. /join/TOKEN' }),
});

export const InvitationPreview = z.object({ collective: CollectiveSummary, role: Role, expiresAt: IsoTime });

export const MemberRow = z.object({ user: User, roles: z.array(Role), joinedAt: IsoTime });

export const DataRecord = z.object({
  id: Id,
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  occurredAt: IsoTime.nullable(),
  source: z.string(),
  importId: z.string().nullable(),
  createdAt: IsoTime,
});

export const CollectiveDetail = CollectiveSummary.extend({
  myRoles: z.array(Role),
  counts: z.object({ member: z.number().int(), steward: z.number().int(), requester: z.number().int(), auditor: z.number().int() }),
});

export const MemberHome = z.object({
  collective: CollectiveSummary,
  roles: z.array(Role),
  datasets: z.array(Dataset.extend({ myRecords: z.number().int() })),
  totalRecords: z.number().int(),
});

export const StewardHome = z.object({
  collective: CollectiveSummary,
  counts: CollectiveDetail.shape.counts,
  datasets: z.array(DatasetWithCount),
  contributors: z.number().int().meta({ description: 'Members with at least one record' }),
  openInvitations: z.number().int(),
  logSize: z.number().int().meta({ description: 'Entries in the collective’s transparency log' }),
});

export const Reference = z.object({
  collectiveKinds: z.array(z.string()),
  roles: z.array(z.string()),
  fieldTypes: z.array(z.string()),
  personalDataCategories: z.array(z.object({ id: z.string(), iri: z.string(), description: z.string() })),
  canonicalDatasets: z.array(z.object({ canonical: z.string(), name: z.string(), description: z.string(), schema: DatasetSchema })),
});

export const Health = z.object({ status: z.literal('ok'), version: z.string(), store: z.enum(['pglite', 'postgres']) });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    code: z.string().meta({ description: 'Stable machine-readable error code' }),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

export const Pagination = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(200).optional(),
});

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), next: z.string().nullable() });
}

export const LogEntry = z
  .object({
    index: z.number().int(),
    body: z.string().meta({ description: 'The canonical JSON of the entry: the exact bytes hashed into the Merkle leaf' }),
    createdAt: IsoTime,
  })
  .meta({ id: 'LogEntry' });

export const Checkpoint = z
  .object({
    origin: z.string(),
    size: z.number().int(),
    rootHash: z.string().meta({ description: 'Base64 SHA-256 Merkle tree hash (RFC 9162)' }),
    note: z.string().meta({ description: 'The C2SP signed note: tlog-checkpoint body and Ed25519 signature lines' }),
    createdAt: IsoTime,
  })
  .meta({ id: 'Checkpoint' });

export const LogOverview = z.object({
  origin: z.string(),
  verifierKey: z.string().meta({ description: 'The signed-note verifier key of the current signing key' }),
  verifierKeys: z.array(z.string()).meta({ description: 'Every key that has signed this log, newest first' }),
  size: z.number().int(),
  checkpoint: Checkpoint.nullable(),
});

export const InclusionProof = z.object({
  index: z.number().int(),
  size: z.number().int(),
  leafHash: z.string(),
  proof: z.array(z.string()).meta({ description: 'Base64 hashes, leaf to root (RFC 9162 §2.1.3)' }),
});

export const ConsistencyProof = z.object({
  from: z.number().int(),
  to: z.number().int(),
  proof: z.array(z.string()).meta({ description: 'Base64 hashes (RFC 9162 §2.1.4)' }),
});

export const Receipt = z
  .object({
    v: z.literal(1),
    index: z.number().int(),
    entry: z.object({ text: z.string().meta({ description: 'The canonical JSON of the entry' }) }),
    proof: z.array(z.string()).meta({ description: 'Base64 inclusion proof hashes, leaf to root' }),
    checkpoint: z.string().meta({ description: 'The signed checkpoint the proof verifies against' }),
    leafHash: z.string().meta({ description: 'Base64 RFC 9162 leaf hash of the entry (recompute it; do not trust it)' }),
    loggedAt: IsoTime,
    verifierKeys: z.array(z.string()).meta({ description: 'The log’s verifier keys, newest first (compare with keys obtained elsewhere)' }),
  })
  .meta({
    id: 'Receipt',
    description: 'An entry with its inclusion proof and the signed checkpoint, verifiable offline (tlog-proof style); the same JSON as core’s verifyReceipt takes',
  });
