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

export const CanonicalDatasetName = z.enum(['work_tasks', 'pay_items', 'time_segments', 'location_points', 'shifts']);

export const ImportPreview = z
  .object({
    uploadId: z.string().meta({ description: 'Pass to confirmImport to store exactly what was previewed; valid for an hour' }),
    fileName: z.string(),
    importer: z.object({ name: z.string(), version: z.string(), title: z.string() }),
    detected: z.string().meta({ description: 'What the content looked like' }),
    files: z.array(z.object({ file: z.string(), bytes: z.number().int(), sha256: z.string() })),
    datasets: z.array(
      z.object({
        dataset: CanonicalDatasetName,
        name: z.string(),
        records: z.number().int(),
        first: IsoTime.nullable(),
        last: IsoTime.nullable(),
        sample: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
        declared: z.boolean().meta({ description: 'Whether the collective has this dataset; records of undeclared datasets cannot be stored' }),
      }),
    ),
    money: z.array(z.object({ dataset: z.string(), field: z.string(), kind: z.string().nullable(), currency: z.string(), lines: z.number().int(), total: z.number().int() })),
    dropped: z.object({ total: z.number().int(), byReason: z.record(z.string(), z.number().int()), examples: z.array(z.object({ file: z.string(), row: z.number().int(), reason: z.string() })) }),
    warnings: z.array(z.object({ code: z.string(), message: z.string(), file: z.string().nullable(), count: z.number().int() })),
    ignored: z.array(z.object({ file: z.string(), reason: z.string() })),
    noRows: z.boolean(),
  })
  .meta({ id: 'ImportPreview' });

export const ImportResult = z
  .object({
    importId: z.string(),
    added: z.number().int(),
    duplicates: z.number().int().meta({ description: 'Records already held from an earlier import, skipped' }),
    dropped: z.number().int(),
    datasets: z.record(z.string(), z.object({ added: z.number().int(), duplicates: z.number().int() })),
    logIndex: z.number().int().meta({ description: 'Index of the records.imported entry in the transparency log' }),
  })
  .meta({ id: 'ImportResult' });

/** True when the runtime's Intl knows the time zone (the server checks it again before use). */
function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const LAT_LNG = /^\s*-?\d{1,3}(\.\d+)?\s*,\s*-?\d{1,3}(\.\d+)?\s*$/;

export const InsightsQuery = z
  .object({
    period: z.enum(['week', 'month']).default('week').meta({ description: 'ISO weeks (Monday to Sunday) or calendar months' }),
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(knownTimeZone, { message: 'must be an IANA time zone, e.g. Europe/Paris' })
      .default('UTC')
      .meta({ description: 'IANA time zone that weeks, months and days are cut in', example: 'Europe/Paris' }),
    expensesPerKmMinor: z.coerce.number().int().min(0).max(1_000_000).optional().meta({ description: 'Your costs per km (fuel, wear…) in minor units of `currency`, e.g. 12 for €0.12' }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code, e.g. EUR').optional().meta({ description: 'Currency of expensesPerKmMinor' }),
    workplace: z
      .string()
      .regex(LAT_LNG, 'must be a latitude and a longitude in degrees, e.g. 48.8566,2.3522')
      .transform((v) => {
        const [lat, lng] = v.split(',').map(Number) as [number, number];
        return { lat, lng };
      })
      .refine((w) => Math.abs(w.lat) <= 90 && Math.abs(w.lng) <= 180, { message: 'must be a latitude from -90 to 90 and a longitude from -180 to 180' })
      .optional()
      .meta({
        description:
          'Your workplace, `lat,lng` (WGS 84 degrees, e.g. one of `places.top`): time at the workplace is counted within `workplaceRadiusM` of it. Without it, the suggested workplace is used (the place with the most weekday daytime hours, home left out)',
        example: '42.361,-71.0875',
      }),
    workplaceRadiusM: z.coerce
      .number()
      .min(10)
      .max(2000)
      .optional()
      .meta({ description: 'Metres around the workplace (chosen or suggested) that count as at it; default 150' }),
  })
  .superRefine((q, ctx) => {
    if (q.expensesPerKmMinor !== undefined && q.currency === undefined) {
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is needed with expensesPerKmMinor' });
    }
  });

const Seconds = z.number().meta({ description: 'Seconds (exact)' });
const Minor = z.number().int();
const MinorOrNull = z.number().int().nullable();

export const InsightsTime = z
  .object({
    onlineSeconds: Seconds.meta({ description: 'Logged in to at least one platform: waiting or engaged; overlapping segments count once' }),
    engagedSeconds: Seconds.meta({ description: 'En route to or on a task' }),
    waitingSeconds: Seconds.meta({ description: 'Logged in but not engaged: unpaid waiting' }),
    onlineHours: z.number().meta({ description: '2 decimals' }),
    engagedHours: z.number().meta({ description: '2 decimals' }),
    engagedShare: z.number().nullable().meta({ description: 'engaged ÷ online, 4 decimals' }),
  })
  .meta({ id: 'InsightsTime' });

export const InsightsTasks = z
  .object({
    completed: z.number().int(),
    cancelled: z.number().int(),
    other: z.number().int(),
    distanceMeters: z.number().int().meta({ description: 'Distance of completed tasks' }),
    distanceKm: z.number().meta({ description: '2 decimals' }),
    completedWithoutDistance: z.number().int(),
  })
  .meta({ id: 'InsightsTasks' });

export const InsightsMoney = z
  .object({
    currency: z.string(),
    netMinor: Minor.meta({ description: 'Every pay line but payouts, signed: fares + tips + bonuses + adjustments + other − commission − fees − taxes' }),
    grossFaresMinor: Minor,
    commissionMinor: Minor.meta({ description: 'Platform commission as a positive amount' }),
    commissionShare: z.number().nullable().meta({ description: 'commission ÷ gross fares, 4 decimals' }),
    tipsMinor: Minor,
    bonusesMinor: Minor,
    feesMinor: Minor,
    taxesMinor: Minor,
    adjustmentsMinor: Minor,
    otherMinor: Minor,
    payoutsMinor: Minor.meta({ description: 'Transfers to the bank; not part of net' }),
    payLines: z.number().int(),
    netPerOnlineHourMinor: MinorOrNull,
    netPerEngagedHourMinor: MinorOrNull,
    netPerKmMinor: MinorOrNull,
    expensesMinor: MinorOrNull.meta({ description: 'expensesPerKm × km, when set in this currency' }),
    netAfterExpensesMinor: MinorOrNull,
    netAfterExpensesPerOnlineHourMinor: MinorOrNull,
  })
  .meta({ id: 'InsightsMoney', description: 'Pay in one currency; derived figures rounded half away from zero to whole minor units' });

export const InsightsShifts = z
  .object({
    shifts: z.number().int(),
    presenceSeconds: Seconds.meta({ description: 'Time at the workplace, breaks included' }),
    breakSeconds: Seconds,
    workedSeconds: Seconds,
    contractedSeconds: Seconds,
    overtimeSeconds: Seconds.meta({ description: 'worked − contracted' }),
    workedHours: z.number(),
    contractedHours: z.number(),
    shiftsWithoutContract: z.number().int(),
  })
  .meta({ id: 'InsightsShifts' });

export const InsightsWorkplace = z
  .object({
    atWorkplaceSeconds: Seconds.meta({
      description: 'Time at the workplace from your location points: between two consecutive points both within the radius and at most 12 hours apart, cut at local midnight',
    }),
    atWorkplaceHours: z.number().meta({ description: '2 decimals' }),
    daysAtWorkplace: z.number().int().meta({ description: 'Local days with any time at the workplace' }),
  })
  .meta({ id: 'InsightsWorkplace', description: 'Time at the workplace (chosen or suggested), from location points; apart from shifts' });

export const InsightsDay = z
  .object({
    date: z.string(),
    onlineSeconds: Seconds,
    engagedSeconds: Seconds,
    workedSeconds: Seconds.meta({ description: 'Shift time worked, breaks out' }),
    presenceSeconds: Seconds.meta({ description: 'Shift time, breaks in' }),
    atWorkplaceSeconds: Seconds.meta({ description: 'Time at the workplace from location points' }),
  })
  .meta({ id: 'InsightsDay' });

export const InsightsPlace = z
  .object({
    lat: z.number().meta({ description: 'Centre, 4 decimals (about 10 m); pass `lat,lng` as `workplace` to get its figures' }),
    lng: z.number(),
    seconds: Seconds.meta({ description: 'Time at the place: between two consecutive points both in it, at most 12 hours apart' }),
    hours: z.number().meta({ description: '2 decimals' }),
    points: z.number().int().meta({ description: 'Points whose nearest place centre within 150 m is this one' }),
    daysSeen: z.number().int().meta({ description: 'Local days with a point at the place' }),
    weekdayDaytimeSeconds: Seconds.meta({ description: 'Of the time there, Monday to Friday 07:00–19:00 local' }),
    hourSeconds: z.array(Seconds).length(24).meta({ description: 'Seconds there in each local hour of the day, 0 (00:00–01:00) to 23, over all days' }),
    typicalHours: z
      .object({ from: z.number().int(), to: z.number().int() })
      .nullable()
      .meta({ description: 'The shortest run of local hours [from, to) holding 4/5 of the time there; it wraps past midnight when to ≤ from' }),
    likelyHome: z.boolean().meta({ description: 'The place with the most points at night (22:00–06:00)' }),
    suggested: z.boolean().meta({ description: 'The suggested workplace' }),
  })
  .meta({ id: 'InsightsPlace', description: 'A place where you spend time, from your location points (your own data: only you see it)' });

export const InsightsPlaces = z
  .object({
    radiusM: z.number().meta({ description: 'Points within this distance of a place’s running centre join it (150)' }),
    maxGapSeconds: z.number().meta({ description: 'The longest gap between two consecutive points that counts as time at a place (12 hours)' }),
    points: z.number().int().meta({ description: 'Location points read' }),
    places: z.number().int().meta({ description: 'Places found, with or without time' }),
    top: z.array(InsightsPlace).meta({ description: 'Up to 10 places with time, most first; the suggested workplace always among them' }),
  })
  .meta({ id: 'InsightsPlaces' });

const InsightsFigures = { time: InsightsTime, tasks: InsightsTasks, money: z.array(InsightsMoney), shifts: InsightsShifts, workplace: InsightsWorkplace };

export const InsightsPeriod = z
  .object({
    key: z.string().meta({ description: 'ISO week (2026-W02) or month (2026-01)' }),
    from: z.string().meta({ description: 'First local day, YYYY-MM-DD' }),
    to: z.string().meta({ description: 'Last local day, YYYY-MM-DD' }),
    startsAt: IsoTime,
    endsAt: IsoTime,
    ...InsightsFigures,
    days: z.array(InsightsDay),
  })
  .meta({ id: 'InsightsPeriod' });

export const MemberInsights = z
  .object({
    collective: CollectiveSummary,
    period: z.enum(['week', 'month']),
    timeZone: z.string(),
    expensesPerKm: z.object({ amountMinor: Minor, currency: z.string() }).nullable(),
    periods: z.array(InsightsPeriod).meta({ description: 'Periods with any data, oldest first' }),
    totals: z.object({ from: z.string().nullable(), to: z.string().nullable(), ...InsightsFigures }),
    places: InsightsPlaces,
    workplace: z
      .object({ lat: z.number(), lng: z.number(), radiusM: z.number(), suggested: z.boolean().meta({ description: 'Not chosen by you: suggested from your places' }) })
      .nullable()
      .meta({ description: 'The workplace the figures use: the one asked for, else the suggested one; null without either' }),
    hoursWorkedFrom: z
      .enum(['shifts', 'platform', 'workplace'])
      .nullable()
      .meta({ description: 'Where hours worked come from: shift records; else time logged in to platforms; else time at the workplace (days and periods: atWorkplaceSeconds)' }),
    records: z.object({
      used: z.record(z.string(), z.number().int()),
      skipped: z.record(z.string(), z.number().int()).meta({ description: 'Records left out because a field the figures need is malformed' }),
    }),
  })
  .meta({ id: 'MemberInsights', description: 'A member’s own insights, exact: computed from their own records only' });
