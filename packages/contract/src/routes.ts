import { z } from 'zod';
import { route } from './route.ts';
import * as c from './consent-schemas.ts';
import * as g from './governance-schemas.ts';
import * as s from './schemas.ts';

const collectivePath = z.object({ slug: s.Slug });
const proposalPath = z.object({ slug: s.Slug, proposalId: s.Id });
const topicPath = z.object({ slug: s.Slug, topic: g.DelegationTopic });

/** Every operation of the API, keyed by operation id. Add routes here; server and client follow. */
export const routes = {
  health: route({
    operationId: 'health', method: 'get', path: '/healthz', tag: 'system', auth: 'public',
    summary: 'Liveness: answers without touching the database', status: 200, response: s.Health,
  }),
  reference: route({
    operationId: 'reference', method: 'get', path: '/api/v1/reference', tag: 'system', auth: 'public',
    summary: 'Vocabularies: collective kinds, roles, field types, DPV categories, canonical datasets', status: 200, response: s.Reference,
  }),

  signUp: route({
    operationId: 'signUp', method: 'post', path: '/api/v1/auth/sign-up', tag: 'auth', auth: 'public',
    summary: 'Create an account and sign in',
    body: z.object({ email: s.Email, password: s.NewPassword, displayName: z.string().trim().min(1).max(120) }),
    status: 201, response: s.SignedIn,
  }),
  signIn: route({
    operationId: 'signIn', method: 'post', path: '/api/v1/auth/sign-in', tag: 'auth', auth: 'public',
    summary: 'Sign in; sets the session cookie', body: z.object({ email: s.Email, password: s.Password }),
    status: 200, response: s.SignedIn,
  }),
  signOut: route({
    operationId: 'signOut', method: 'post', path: '/api/v1/auth/sign-out', tag: 'auth', auth: 'user',
    summary: 'Sign out of this session', status: 204,
  }),
  me: route({
    operationId: 'me', method: 'get', path: '/api/v1/me', tag: 'auth', auth: 'user',
    summary: 'Who is signed in, and their collectives', status: 200, response: s.Me,
  }),
  listTokens: route({
    operationId: 'listTokens', method: 'get', path: '/api/v1/me/tokens', tag: 'auth', auth: 'user',
    summary: 'Your personal API tokens', status: 200, response: z.object({ items: z.array(s.ApiToken) }),
  }),
  createToken: route({
    operationId: 'createToken', method: 'post', path: '/api/v1/me/tokens', tag: 'auth', auth: 'user',
    summary: 'Create a personal API token (shown once)',
    body: z.object({ name: z.string().trim().min(1).max(80), expiresInDays: z.number().int().min(1).max(3650).optional() }),
    status: 201, response: s.NewApiToken,
  }),
  revokeToken: route({
    operationId: 'revokeToken', method: 'delete', path: '/api/v1/me/tokens/{tokenId}', tag: 'auth', auth: 'user',
    summary: 'Revoke one of your API tokens', params: z.object({ tokenId: s.Id }), status: 204,
  }),

  createCollective: route({
    operationId: 'createCollective', method: 'post', path: '/api/v1/collectives', tag: 'collectives', auth: 'user',
    summary: 'Create a collective; you become its first steward and member',
    body: z.object({ slug: s.Slug, name: z.string().max(120), kind: s.CollectiveKind, description: z.string().max(4000).optional() }),
    status: 201, response: s.CollectiveDetail,
  }),
  getCollective: route({
    operationId: 'getCollective', method: 'get', path: '/api/v1/collectives/{slug}', tag: 'collectives', auth: 'user',
    summary: 'A collective you belong to, your roles and head counts', params: collectivePath, status: 200, response: s.CollectiveDetail,
  }),
  leaveCollective: route({
    operationId: 'leaveCollective', method: 'post', path: '/api/v1/collectives/{slug}/leave', tag: 'collectives', auth: 'user',
    summary: 'Leave the collective (every role you hold in it)', params: collectivePath, status: 204,
  }),
  listMembers: route({
    operationId: 'listMembers', method: 'get', path: '/api/v1/collectives/{slug}/members', tag: 'collectives', auth: 'user',
    summary: 'People in the collective and their roles (stewards)', params: collectivePath, query: s.Pagination,
    status: 200, response: s.pageOf(s.MemberRow),
  }),
  createInvitation: route({
    operationId: 'createInvitation', method: 'post', path: '/api/v1/collectives/{slug}/invitations', tag: 'collectives', auth: 'user',
    summary: 'Create a single-use invitation link (stewards)', params: collectivePath,
    body: z.object({ role: s.Role.default('member'), expiresInDays: z.number().int().min(1).max(90).default(14), note: z.string().max(200).default('') }),
    status: 201, response: s.NewInvitation,
  }),
  listInvitations: route({
    operationId: 'listInvitations', method: 'get', path: '/api/v1/collectives/{slug}/invitations', tag: 'collectives', auth: 'user',
    summary: 'Invitations of the collective (stewards)', params: collectivePath, status: 200, response: z.object({ items: z.array(s.Invitation) }),
  }),
  revokeInvitation: route({
    operationId: 'revokeInvitation', method: 'delete', path: '/api/v1/collectives/{slug}/invitations/{invitationId}', tag: 'collectives', auth: 'user',
    summary: 'Revoke an open invitation (stewards)', params: z.object({ slug: s.Slug, invitationId: s.Id }), status: 204,
  }),
  previewInvitation: route({
    operationId: 'previewInvitation', method: 'get', path: '/api/v1/invitations/{token}', tag: 'collectives', auth: 'public',
    summary: 'What an invitation link offers', params: z.object({ token: z.string().min(10).max(200) }), status: 200, response: s.InvitationPreview,
  }),
  acceptInvitation: route({
    operationId: 'acceptInvitation', method: 'post', path: '/api/v1/invitations/{token}/accept', tag: 'collectives', auth: 'user',
    summary: 'Join a collective with an invitation link', params: z.object({ token: z.string().min(10).max(200) }),
    status: 200, response: s.MyCollective,
  }),

  listDatasets: route({
    operationId: 'listDatasets', method: 'get', path: '/api/v1/collectives/{slug}/datasets', tag: 'datasets', auth: 'user',
    summary: 'Datasets of the collective and their schemas', params: collectivePath, status: 200, response: z.object({ items: z.array(s.Dataset) }),
  }),
  createDataset: route({
    operationId: 'createDataset', method: 'post', path: '/api/v1/collectives/{slug}/datasets', tag: 'datasets', auth: 'user',
    summary: 'Declare a dataset: a canonical one by name, or a custom schema (stewards)', params: collectivePath,
    body: z.union([
      z.object({ canonical: z.string().min(1).max(64) }),
      z.object({ slug: z.string().min(1).max(64), name: z.string().min(1).max(120), description: z.string().max(4000).default(''), schema: s.DatasetSchema }),
    ]),
    status: 201, response: s.Dataset,
  }),
  myRecords: route({
    operationId: 'myRecords', method: 'get', path: '/api/v1/collectives/{slug}/datasets/{dataset}/my-records', tag: 'datasets', auth: 'user',
    summary: 'Your own records in a dataset (only you can read them)', params: z.object({ slug: s.Slug, dataset: z.string().min(1).max(64) }),
    query: s.Pagination, status: 200, response: s.pageOf(s.DataRecord),
  }),

  memberHome: route({
    operationId: 'memberHome', method: 'get', path: '/api/v1/collectives/{slug}/home/member', tag: 'homes', auth: 'user',
    summary: 'A member’s overview: their data in the collective', params: collectivePath, status: 200, response: s.MemberHome,
  }),
  stewardHome: route({
    operationId: 'stewardHome', method: 'get', path: '/api/v1/collectives/{slug}/home/steward', tag: 'homes', auth: 'user',
    summary: 'A steward’s overview: people, datasets, contributions (aggregates only)', params: collectivePath, status: 200, response: s.StewardHome,
  }),

  logOverview: route({
    operationId: 'logOverview', method: 'get', path: '/api/v1/collectives/{slug}/log', tag: 'transparency', auth: 'public',
    summary: 'The collective’s transparency log: origin, verifier keys, size and latest signed checkpoint', params: collectivePath,
    status: 200, response: s.LogOverview,
  }),
  logEntries: route({
    operationId: 'logEntries', method: 'get', path: '/api/v1/collectives/{slug}/log/entries', tag: 'transparency', auth: 'public',
    summary: 'Log entries from an index, optionally of one type', params: collectivePath,
    query: z.object({ from: z.coerce.number().int().min(0).default(0), limit: z.coerce.number().int().min(1).max(500).default(100), type: z.string().max(64).optional() }),
    status: 200, response: z.object({ items: z.array(s.LogEntry), next: z.number().int().nullable() }),
  }),
  myLogEntries: route({
    operationId: 'myLogEntries', method: 'get', path: '/api/v1/collectives/{slug}/log/mine', tag: 'transparency', auth: 'user',
    summary: 'Entries about you (by your pseudonym in this collective)', params: collectivePath,
    status: 200, response: z.object({ pseudonym: z.string(), items: z.array(s.LogEntry) }),
  }),
  inclusionProof: route({
    operationId: 'inclusionProof', method: 'get', path: '/api/v1/collectives/{slug}/log/proof/inclusion', tag: 'transparency', auth: 'public',
    summary: 'Inclusion proof of entry `index` in the tree of `size` entries', params: collectivePath,
    query: z.object({ index: z.coerce.number().int().min(0), size: z.coerce.number().int().min(1) }), status: 200, response: s.InclusionProof,
  }),
  consistencyProof: route({
    operationId: 'consistencyProof', method: 'get', path: '/api/v1/collectives/{slug}/log/proof/consistency', tag: 'transparency', auth: 'public',
    summary: 'Consistency proof between the trees of `from` and `to` entries', params: collectivePath,
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1) }), status: 200, response: s.ConsistencyProof,
  }),
  receipt: route({
    operationId: 'receipt', method: 'get', path: '/api/v1/collectives/{slug}/log/receipt/{index}', tag: 'transparency', auth: 'public',
    summary: 'A verifiable receipt for one entry: the entry, its inclusion proof and the signed checkpoint', params: z.object({ slug: s.Slug, index: z.coerce.number().int().min(0) }),
    status: 200, response: s.Receipt,
  }),

  previewImport: route({
    operationId: 'previewImport', method: 'post', path: '/api/v1/collectives/{slug}/imports', tag: 'imports', auth: 'user', upload: true,
    summary: 'Upload a platform export (ZIP, CSV or JSON) and see what would be stored; nothing is stored yet', params: collectivePath,
    query: z.object({
      timezone: z.string().max(64).optional().meta({ description: 'IANA zone of the export’s local times, e.g. Europe/Paris' }),
      importer: z.string().max(64).optional(),
      currency: z.string().length(3).optional(),
    }),
    status: 201, response: s.ImportPreview,
  }),
  confirmImport: route({
    operationId: 'confirmImport', method: 'post', path: '/api/v1/collectives/{slug}/imports/{uploadId}/confirm', tag: 'imports', auth: 'user',
    summary: 'Store the previewed records, in one transaction, and log the import', params: z.object({ slug: s.Slug, uploadId: z.string().min(10).max(100) }),
    body: z.object({}).strict(), status: 200, response: s.ImportResult,
  }),

  memberInsights: route({
    operationId: 'memberInsights', method: 'get', path: '/api/v1/collectives/{slug}/insights', tag: 'insights', auth: 'user',
    summary: 'Your own insights: real pay and hours per week or month, from your own records (only you can read them)', params: collectivePath,
    query: s.InsightsQuery, status: 200, response: s.MemberInsights,
  }),

  consentOptions: route({
    operationId: 'consentOptions', method: 'get', path: '/api/v1/collectives/{slug}/consent/options', tag: 'consent', auth: 'user',
    summary: 'What you can consent to: purposes (W3C DPV), kinds of recipient, presets and the collective’s datasets, in plain words',
    params: collectivePath, status: 200, response: c.ConsentOptions,
  }),
  consentNotice: route({
    operationId: 'consentNotice', method: 'post', path: '/api/v1/collectives/{slug}/consent/notice', tag: 'consent', auth: 'user',
    summary: 'The notice to read before a decision, and its digest to send with it; nothing is recorded',
    params: collectivePath, body: c.ConsentDecisionInput, status: 200, response: c.ConsentNotice,
  }),
  recordConsent: route({
    operationId: 'recordConsent', method: 'post', path: '/api/v1/collectives/{slug}/consent', tag: 'consent', auth: 'user',
    summary: 'Give, withdraw or refuse consent: each change is a new record with its own log entry; applies to every use that starts after it',
    params: collectivePath, body: c.ConsentRecordBody, status: 201, response: c.ConsentRecorded,
  }),
  myConsent: route({
    operationId: 'myConsent', method: 'get', path: '/api/v1/collectives/{slug}/consent', tag: 'consent', auth: 'user',
    summary: 'Your consent now, cell by cell, your whole consent history and what is due for review',
    params: collectivePath, status: 200, response: c.MyConsent,
  }),
  consentReceipt: route({
    operationId: 'consentReceipt', method: 'get', path: '/api/v1/collectives/{slug}/consent/records/{recordId}/receipt', tag: 'consent', auth: 'user',
    summary: 'A signed ISO/IEC TS 27560 receipt for one of your consent records',
    params: z.object({ slug: s.Slug, recordId: s.Id }), status: 200, response: c.ConsentReceipt,
  }),
  consentCoverage: route({
    operationId: 'consentCoverage', method: 'get', path: '/api/v1/collectives/{slug}/consent/coverage', tag: 'consent', auth: 'user',
    summary: 'How many members consent to each use now (stewards and auditors); never who',
    params: collectivePath, status: 200, response: c.ConsentCoverage,
  }),

  getCharter: route({
    operationId: 'getCharter', method: 'get', path: '/api/v1/collectives/{slug}/charter', tag: 'governance', auth: 'user',
    summary: 'The charter in force: its JSON and the same in plain language', params: collectivePath, status: 200, response: g.CharterView,
  }),
  charterVersions: route({
    operationId: 'charterVersions', method: 'get', path: '/api/v1/collectives/{slug}/charter/versions', tag: 'governance', auth: 'user',
    summary: 'Every version of the charter, oldest first, each with what its amendment changed', params: collectivePath, status: 200, response: g.CharterVersions,
  }),
  evaluateRequest: route({
    operationId: 'evaluateRequest', method: 'post', path: '/api/v1/collectives/{slug}/charter/evaluate', tag: 'governance', auth: 'user',
    summary: 'Dry run (stewards, requesters): is a request allowed, a vote, or forbidden under the charter, by which rule and why; nothing is stored',
    params: collectivePath, body: g.AccessRequestTerms, status: 200, response: g.RequestEvaluation,
  }),
  listProposals: route({
    operationId: 'listProposals', method: 'get', path: '/api/v1/collectives/{slug}/proposals', tag: 'governance', auth: 'user',
    summary: 'Proposals, newest first, optionally by status', params: collectivePath, query: g.ProposalsQuery, status: 200, response: s.pageOf(g.ProposalSummary),
  }),
  createProposal: route({
    operationId: 'createProposal', method: 'post', path: '/api/v1/collectives/{slug}/proposals', tag: 'governance', auth: 'user',
    summary: 'Draft a proposal; an access request the charter forbids, or allows without a vote, cannot become one',
    params: collectivePath, body: g.NewProposal, status: 201, response: g.ProposalDetail,
  }),
  getProposal: route({
    operationId: 'getProposal', method: 'get', path: '/api/v1/collectives/{slug}/proposals/{proposalId}', tag: 'governance', auth: 'user',
    summary: 'A proposal: its text, how many have voted (never who or how while open), vetoes, comments, and once decided the result and why',
    params: proposalPath, status: 200, response: g.ProposalDetail,
  }),
  updateProposal: route({
    operationId: 'updateProposal', method: 'patch', path: '/api/v1/collectives/{slug}/proposals/{proposalId}', tag: 'governance', auth: 'user',
    summary: 'Change a draft (its author only)', params: proposalPath, body: g.ProposalChanges, status: 200, response: g.ProposalDetail,
  }),
  openProposal: route({
    operationId: 'openProposal', method: 'post', path: '/api/v1/collectives/{slug}/proposals/{proposalId}/open', tag: 'governance', auth: 'user',
    summary: 'Open a draft for voting (its author or a steward): the charter’s rule and the electorate are fixed now',
    params: proposalPath, status: 200, response: g.ProposalDetail,
  }),
  castBallot: route({
    operationId: 'castBallot', method: 'put', path: '/api/v1/collectives/{slug}/proposals/{proposalId}/ballot', tag: 'governance', auth: 'user',
    summary: 'Vote, or change your vote until the close; logged under your pseudonym for this proposal only',
    params: proposalPath, body: g.CastBallot, status: 200, response: g.BallotReceipt,
  }),
  myBallot: route({
    operationId: 'myBallot', method: 'get', path: '/api/v1/collectives/{slug}/proposals/{proposalId}/ballot', tag: 'governance', auth: 'user',
    summary: 'Your own ballot on a proposal and your pseudonym on it', params: proposalPath, status: 200, response: g.MyBallot,
  }),
  vetoProposal: route({
    operationId: 'vetoProposal', method: 'post', path: '/api/v1/collectives/{slug}/proposals/{proposalId}/veto', tag: 'governance', auth: 'user',
    summary: 'Veto an open proposal with a reason (holders of a veto right the charter gives over it)',
    params: proposalPath, body: g.VetoBody, status: 201, response: g.Vetoed,
  }),
  commentOnProposal: route({
    operationId: 'commentOnProposal', method: 'post', path: '/api/v1/collectives/{slug}/proposals/{proposalId}/comments', tag: 'governance', auth: 'user',
    summary: 'Add a comment to the discussion of a proposal', params: proposalPath, body: g.CommentBody, status: 201, response: g.Comment,
  }),
  closeProposal: route({
    operationId: 'closeProposal', method: 'post', path: '/api/v1/collectives/{slug}/proposals/{proposalId}/close', tag: 'governance', auth: 'user',
    summary: 'Close and decide a vote whose period has ended (stewards; the server also does it on its own)',
    params: proposalPath, status: 200, response: g.ProposalDetail,
  }),
  myDelegations: route({
    operationId: 'myDelegations', method: 'get', path: '/api/v1/collectives/{slug}/delegations', tag: 'governance', auth: 'user',
    summary: 'Your delegations, and how many members delegate to you', params: collectivePath, status: 200, response: g.MyDelegations,
  }),
  setDelegation: route({
    operationId: 'setDelegation', method: 'put', path: '/api/v1/collectives/{slug}/delegations/{topic}', tag: 'governance', auth: 'user',
    summary: 'Let another member vote for you on a topic (or * for all); never in a loop; voting yourself overrides it',
    params: topicPath, body: g.SetDelegationBody, status: 200, response: g.Delegation,
  }),
  revokeDelegation: route({
    operationId: 'revokeDelegation', method: 'delete', path: '/api/v1/collectives/{slug}/delegations/{topic}', tag: 'governance', auth: 'user',
    summary: 'Take back your delegation on a topic', params: topicPath, status: 204,
  }),
  notifications: route({
    operationId: 'notifications', method: 'get', path: '/api/v1/collectives/{slug}/notifications', tag: 'governance', auth: 'user',
    summary: 'Your notices: votes opened, closing within a day, decided', params: collectivePath, status: 200, response: g.Notifications,
  }),
  markNotificationsRead: route({
    operationId: 'markNotificationsRead', method: 'post', path: '/api/v1/collectives/{slug}/notifications/read', tag: 'governance', auth: 'user',
    summary: 'Mark all your notices read', params: collectivePath, status: 200, response: z.object({ marked: z.number().int() }),
  }),
  verifyGovernance: route({
    operationId: 'verifyGovernance', method: 'get', path: '/api/v1/collectives/{slug}/governance/verify', tag: 'governance', auth: 'user',
    summary: 'Recompute every decided tally from the transparency log alone and compare it with the stored results (rule G3)',
    params: collectivePath, status: 200, response: g.GovernanceVerification,
  }),
} as const;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
