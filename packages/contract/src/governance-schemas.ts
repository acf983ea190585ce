import { z } from 'zod';
import { PurposeId, RecipientCategory } from './consent-schemas.ts';
import { Id, IsoTime, Pagination } from './schemas.ts';

/** Schemas of the governance routes (DESIGN.md G1–G3): the charter, proposals, votes, delegation. */

export const DecisionKind = z.enum(['access_request', 'charter_amendment', 'revenue_distribution', 'motion']);
export const DelegationTopic = z.enum(['*', 'access_request', 'charter_amendment', 'revenue_distribution', 'motion']).meta({ description: 'A kind of decision, or * for all' });
export const VotingMethod = z.enum(['majority', 'supermajority', 'consent', 'quadratic', 'schulze']);
export const ProposalStatus = z.enum(['draft', 'open', 'closed', 'passed', 'rejected', 'vetoed', 'expired']);

export const Ratio = z.object({ num: z.number().int(), den: z.number().int() }).meta({ id: 'Ratio', description: 'An exact share: num / den' });

export const DecisionRule = z
  .object({ method: VotingMethod, quorum: Ratio, threshold: Ratio, votingPeriodDays: z.number().int(), voiceCredits: z.number().int().optional() })
  .meta({ id: 'DecisionRule', description: 'How one kind of decision is taken, copied from the charter when a proposal opens' });

const PolicyTarget = z.object({
  purposes: z.array(PurposeId).optional(),
  recipients: z.array(RecipientCategory).optional(),
  datasets: z.array(z.string()).optional().meta({ description: 'Canonical dataset names or slugs' }),
});

export const Charter = z
  .object({
    format: z.literal(1),
    kind: z.enum(['union', 'drivers_cooperative', 'health_cooperative', 'indigenous_data_governance', 'custom']),
    title: z.string(),
    preamble: z.string(),
    rules: z.array(
      z.object({
        id: z.string(),
        effect: z.enum(['permit', 'prohibit', 'vote']),
        target: PolicyTarget,
        decision: DecisionKind.optional(),
        constraints: z.object({ maxDurationDays: z.number().int().optional(), minPriceMinor: z.number().int().optional(), currency: z.string().optional() }).optional(),
        reason: z.string(),
      }),
    ),
    otherwise: z.enum(['vote', 'prohibit']),
    minCohort: z.number().int(),
    privacy: z.object({ maxRhoMicroPerRequest: z.number().int(), maxRhoMicroPerMemberPerPeriod: z.number().int(), periodDays: z.number().int() }),
    priceFloors: z.array(z.object({ recipients: z.array(RecipientCategory), currency: z.string(), minPriceMinor: z.number().int() })),
    decisions: z.object({ access_request: DecisionRule, charter_amendment: DecisionRule, revenue_distribution: DecisionRule, motion: DecisionRule }),
    vetoes: z.array(
      z.object({
        holder: z.string(),
        members: z.union([z.object({ role: z.enum(['steward', 'auditor']) }), z.object({ userIds: z.array(z.string()) })]),
        kinds: z.array(DecisionKind),
        target: PolicyTarget.optional(),
      }),
    ),
    delegation: z.object({ allowed: z.boolean() }),
    revenue: z.object({ rule: z.enum(['equal', 'proportional', 'usage_weighted', 'shapley']), treasuryShare: Ratio }),
  })
  .meta({
    id: 'Charter',
    description:
      'A charter document (format 1), ODRL 2.2 ideas as JSON: rules that permit, prohibit or put to a vote uses by purpose, recipient and dataset, with constraints; what happens otherwise; the smallest cohort; privacy budget limits in micro-ρ; price floors; how each kind of decision is taken; veto rights; delegation; the revenue split.',
  });

export const AccessRequestTerms = z
  .object({
    purpose: PurposeId,
    recipient: RecipientCategory,
    datasets: z.array(z.string().min(1).max(64)).min(1).max(50).meta({ description: 'Canonical dataset names or slugs' }),
    rhoMicro: z.number().int().min(1).meta({ description: 'Privacy budget asked for, in micro-ρ (zCDP ρ × 10⁶)' }),
    price: z.object({ amountMinor: z.number().int().min(0), currency: z.string().length(3) }),
    durationDays: z.number().int().min(1),
  })
  .strict()
  .meta({ id: 'AccessRequestTerms', description: 'What a requester asks for: purpose, recipient, datasets, budget, price, duration' });

export const PolicyDecision = z
  .object({
    outcome: z.enum(['allowed', 'vote', 'forbidden']),
    decision: DecisionKind.optional().meta({ description: 'With `vote`: the kind of decision whose rule applies' }),
    rule: z.string().meta({ description: 'The charter rule that decided (a rule id, `otherwise`, `privacy.…` or `priceFloors.N`)' }),
    reason: z.string(),
  })
  .meta({ id: 'PolicyDecision' });

export const CharterView = z
  .object({
    version: z.number().int(),
    digest: z.string().meta({ description: 'SHA-256 (hex) of the charter’s canonical JSON, as logged in `charter.adopted`' }),
    adoptedAt: IsoTime,
    proposalId: Id.nullable().meta({ description: 'The amendment that adopted it; null for version 1' }),
    charter: Charter,
    description: z.array(z.string()).meta({ description: 'The charter in plain language, one line per rule or setting' }),
  })
  .meta({ id: 'CharterView' });

export const CharterChange = z
  .object({ path: z.string().meta({ description: 'JSON Pointer (RFC 6901)' }), before: z.unknown().optional(), after: z.unknown().optional() })
  .meta({ id: 'CharterChange' });

export const CharterVersions = z
  .object({
    items: z.array(
      z.object({ version: z.number().int(), digest: z.string(), adoptedAt: IsoTime, proposalId: Id.nullable(), charter: Charter, changes: z.array(CharterChange).meta({ description: 'What changed from the version before' }) }),
    ),
  })
  .meta({ id: 'CharterVersions' });

export const RequestEvaluation = z
  .object({ charterVersion: z.number().int(), decision: PolicyDecision, vetoHolders: z.array(z.string()).meta({ description: 'Bodies that could veto it if it goes to a vote' }) })
  .meta({ id: 'RequestEvaluation', description: 'What the charter in force says of a request; nothing is stored' });

export const ProposalOption = z.object({ id: z.string().min(1).max(32), label: z.string().min(1).max(200) }).meta({ id: 'ProposalOption' });

export const BallotChoice = z
  .discriminatedUnion('method', [
    z.object({ method: z.literal('majority'), vote: z.enum(['yes', 'no', 'abstain']) }),
    z.object({ method: z.literal('supermajority'), vote: z.enum(['yes', 'no', 'abstain']) }),
    z.object({ method: z.literal('consent'), vote: z.enum(['consent', 'object', 'abstain']), reason: z.string().max(2000).optional().meta({ description: 'Required to object; stored, never logged' }) }),
    z.object({ method: z.literal('quadratic'), votes: z.record(z.string(), z.number().int()).meta({ description: 'Votes per option id (negative against); costs Σ votes² voice credits' }) }),
    z.object({ method: z.literal('schulze'), ranking: z.array(z.array(z.string()).min(1)).meta({ description: 'Option ids from most to least preferred; an inner list is a tie' }) }),
  ])
  .meta({ id: 'BallotChoice' });

const proposalFields = {
  title: z.string().max(200),
  body: z.string().max(20_000).optional(),
  options: z.array(ProposalOption).max(20).optional().meta({ description: 'For ranked (Schulze) and quadratic votes' }),
  payload: z
    .record(z.string(), z.unknown())
    .optional()
    .meta({ description: 'charter_amendment: { charter } (the whole new charter, checked by the server field by field); access_request: { terms }; other kinds: any JSON object of whole numbers and text' }),
};

export const NewProposal = z.object({ kind: DecisionKind, ...proposalFields }).strict().meta({ id: 'NewProposal' });
export const ProposalChanges = z.object({ ...proposalFields, title: proposalFields.title.optional() }).strict().meta({ id: 'ProposalChanges' });

export const ProposalSummary = z
  .object({ id: Id, kind: DecisionKind, title: z.string(), status: ProposalStatus, createdAt: IsoTime, openedAt: IsoTime.nullable(), closesAt: IsoTime.nullable(), closedAt: IsoTime.nullable() })
  .meta({ id: 'ProposalSummary' });

export const ProposalsQuery = Pagination.extend({
  status: z
    .string()
    .max(100)
    .optional()
    .meta({ description: 'Only these statuses, comma-separated: draft, open, closed, passed, rejected, vetoed, expired' }),
});

export const TallyResult = z
  .object({
    outcome: z.enum(['passed', 'rejected', 'vetoed', 'no_quorum']),
    method: VotingMethod,
    electorate: z.number().int(),
    turnout: z.number().int().meta({ description: 'Members counted: direct voters and the members they carried by delegation' }),
    quorumMet: z.boolean(),
    counts: z.record(z.string(), z.number().int()),
    winners: z.array(z.string()).nullable(),
    reasons: z.array(z.string()).meta({ description: 'Why, in plain words' }),
  })
  .meta({ id: 'TallyResult' });

export const ProposalDetail = ProposalSummary.extend({
  body: z.string(),
  options: z.array(ProposalOption),
  payload: z.record(z.string(), z.unknown()).meta({ description: 'What it decides; once decided, `decision` says what it changed (a charter version adopted, a request approved for a grant)' }),
  author: z.string(),
  mine: z.boolean(),
  rule: DecisionRule.nullable(),
  charterVersion: z.number().int().nullable(),
  electorate: z.number().int().meta({ description: 'Members entitled to vote, fixed at the opening' }),
  ballotsCast: z.number().int().meta({ description: 'Members who have voted so far (never who, never how while open)' }),
  vetoes: z.array(z.object({ holder: z.string(), reason: z.string(), at: IsoTime })),
  comments: z.array(z.object({ id: Id, author: z.string(), mine: z.boolean(), body: z.string(), createdAt: IsoTime })),
  result: TallyResult.nullable(),
  changes: z.array(CharterChange).nullable().meta({ description: 'charter_amendment: what it changes' }),
  evaluation: PolicyDecision.nullable().meta({ description: 'access_request: what the charter in force says of it' }),
  can: z.object({ edit: z.boolean(), open: z.boolean(), vote: z.boolean(), veto: z.array(z.string()).meta({ description: 'Bodies you may veto as' }), close: z.boolean() }),
}).meta({ id: 'ProposalDetail' });

export const CastBallot = z.object({ choice: BallotChoice }).strict();

export const BallotReceipt = z
  .object({
    choice: BallotChoice,
    castAt: IsoTime,
    pseudonym: z.string().meta({ description: 'Your pseudonym on this proposal only: find your ballot in the log by it' }),
    logIndex: z.number().int(),
  })
  .meta({ id: 'BallotReceipt' });

export const MyBallot = z
  .object({
    inElectorate: z.boolean(),
    pseudonym: z.string().nullable(),
    ballot: z.object({ choice: BallotChoice, castAt: IsoTime, changes: z.number().int().meta({ description: 'How many times you changed it' }) }).nullable(),
  })
  .meta({ id: 'MyBallot' });

export const VetoBody = z.object({ reason: z.string().min(1).max(2000), holder: z.string().max(100).optional().meta({ description: 'Which body you veto as, when you sit on several' }) }).strict();
export const Vetoed = z.object({ holder: z.string(), at: IsoTime }).meta({ id: 'Vetoed' });

export const CommentBody = z.object({ body: z.string().min(1).max(5000) }).strict();
export const Comment = z.object({ id: Id, body: z.string(), createdAt: IsoTime }).meta({ id: 'Comment' });

export const Delegation = z
  .object({ id: Id, topic: DelegationTopic, delegate: z.string().meta({ description: 'The delegate’s name' }), createdAt: IsoTime, revokedAt: IsoTime.nullable() })
  .meta({ id: 'Delegation' });

export const MyDelegations = z
  .object({
    allowed: z.boolean().meta({ description: 'Whether the charter allows delegation' }),
    items: z.array(Delegation),
    incoming: z.array(z.object({ topic: z.string(), members: z.number().int() })).meta({ description: 'How many members delegate to you now, per topic (never who)' }),
  })
  .meta({ id: 'MyDelegations' });

export const SetDelegationBody = z.object({ delegateEmail: z.string().trim().min(3).max(254) }).strict();

export const Notifications = z
  .object({
    unread: z.number().int(),
    items: z.array(
      z.object({ id: Id, kind: z.enum(['proposal.opened', 'proposal.closing_soon', 'proposal.decided']), proposalId: Id, title: z.string(), status: z.string(), createdAt: IsoTime, readAt: IsoTime.nullable() }),
    ),
  })
  .meta({ id: 'Notifications' });

export const GovernanceVerification = z
  .object({
    collective: z.string(),
    checked: z.number().int(),
    mismatches: z.number().int(),
    proposals: z.array(
      z.object({
        id: Id,
        kind: z.string(),
        title: z.string(),
        status: z.string().meta({ description: 'As stored' }),
        recomputed: z.string().nullable().meta({ description: 'As recounted from the log alone' }),
        turnout: z.number().int().nullable(),
        electorate: z.number().int().nullable(),
        storedDigest: z.string().nullable(),
        loggedDigest: z.string().nullable(),
        recomputedDigest: z.string().nullable(),
        match: z.boolean(),
        problems: z.array(z.string()),
      }),
    ),
  })
  .meta({ id: 'GovernanceVerification', description: 'Every decided proposal’s tally recomputed from the transparency log and compared with the stored result (rule G3)' });
