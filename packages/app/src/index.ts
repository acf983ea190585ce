import type { LogKeyStore, Store } from '@steward/core';
import type { AppConfig, Clock, Deps } from './context.ts';
import { systemClock } from './context.ts';
import { DEFAULT_PASSWORD_COST } from './security/passwords.ts';
import { FailureLimiter } from './security/rate-limit.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './use-cases/accounts/api-tokens.ts';
import { authenticateApiToken, authenticateSession, csrfMatches } from './use-cases/accounts/authenticate.ts';
import { createUserAccount } from './use-cases/accounts/create-user.ts';
import { localActor } from './use-cases/accounts/local-actor.ts';
import { getMe } from './use-cases/accounts/me.ts';
import { signIn } from './use-cases/accounts/sign-in.ts';
import { signOut } from './use-cases/accounts/sign-out.ts';
import { signUp } from './use-cases/accounts/sign-up.ts';
import { createCollective } from './use-cases/collectives/create.ts';
import { getCollective } from './use-cases/collectives/detail.ts';
import { initCollective } from './use-cases/collectives/init.ts';
import { acceptInvitation, createInvitation, listInvitations, previewInvitation, revokeInvitation } from './use-cases/collectives/invitations.ts';
import { leaveCollective } from './use-cases/collectives/leave.ts';
import { listMembers } from './use-cases/collectives/members.ts';
import { consentCoverageFor } from './use-cases/consent/coverage.ts';
import { consentNoticeFor, recordConsent } from './use-cases/consent/decide.ts';
import { myConsent } from './use-cases/consent/mine.ts';
import { consentOptions } from './use-cases/consent/options.ts';
import { consentReceipt } from './use-cases/consent/receipt.ts';
import { createDataset } from './use-cases/datasets/create.ts';
import { listDatasets, listMyRecords } from './use-cases/datasets/list.ts';
import { charterVersions, evaluateAccessRequest, getCharter } from './use-cases/governance/charter.ts';
import { closeDueProposals, closeProposal } from './use-cases/governance/close.ts';
import { commentOnProposal } from './use-cases/governance/comment.ts';
import { myDelegations, revokeDelegation, setDelegation } from './use-cases/governance/delegations.ts';
import { createProposal, updateProposal } from './use-cases/governance/draft.ts';
import { listNotifications, markNotificationsRead } from './use-cases/governance/notifications.ts';
import { openProposal } from './use-cases/governance/open.ts';
import { getProposal, listProposals, myBallot } from './use-cases/governance/read.ts';
import { recomputeTallies } from './use-cases/governance/verify.ts';
import { vetoProposal } from './use-cases/governance/veto.ts';
import { castBallot } from './use-cases/governance/vote.ts';
import { memberHome } from './use-cases/homes/member-home.ts';
import { memberInsights, memberInsightsByEmail } from './use-cases/insights/member-insights.ts';
import { stewardHome } from './use-cases/homes/steward-home.ts';
import { reference } from './use-cases/reference.ts';
import { confirmImport } from './use-cases/imports/confirm.ts';
import { authorizeImport, previewImport } from './use-cases/imports/preview.ts';
import { publishCheckpoints } from './use-cases/log/publish.ts';
import { consistencyProof, inclusionProof, logEntries, logOverview, logReceipt, myLogEntries } from './use-cases/log/read.ts';
import { rotateLogKey } from './use-cases/log/rotate-key.ts';
import { logCheckpointText, logKeyText, logTile } from './use-cases/log/tiles.ts';

export type { Actor, AppConfig, Clock, Deps } from './context.ts';
export { pseudonym, scopedPseudonym } from './log/append.ts';
export { firstCharter, FIRST_CHARTER_BY_KIND } from './use-cases/governance/first-charter.ts';
export { systemClock } from './context.ts';
export { withConsentedRecords, type ConsentedRecords } from './use-cases/consent/gated-records.ts';
export { runPrivateQuery, type PrivateQueryRun, type PrivateQueryResult, type RunPrivateQueryInput } from './use-cases/queries/run.ts';
export { DEFAULT_PASSWORD_COST, type PasswordCost } from './security/passwords.ts';

export const DEFAULT_APP_CONFIG: AppConfig = {
  passwordCost: DEFAULT_PASSWORD_COST,
  sessionTtlHours: 24 * 14,
  openSignUp: true,
  logOriginHost: 'localhost',
};

type UseCase<I, O> = (deps: Deps, input: I) => O;
type Bound<F> = F extends UseCase<infer I, infer O> ? (input: I) => O : never;

function bind<T extends Record<string, UseCase<never, unknown>>>(deps: Deps, fns: T): { [K in keyof T]: Bound<T[K]> } {
  return Object.fromEntries(Object.entries(fns).map(([k, f]) => [k, (input: never) => f(deps, input)])) as { [K in keyof T]: Bound<T[K]> };
}

/**
 * The application: one use-case per action, each taking plain arguments (`{ actor, … }`), shared by
 * the HTTP API, the CLI and jobs (DESIGN.md example 3).
 */
export function createApp(options: { store: Store; keys: LogKeyStore; config?: Partial<AppConfig>; clock?: Clock }) {
  const deps: Deps = {
    store: options.store,
    keys: options.keys,
    config: { ...DEFAULT_APP_CONFIG, ...options.config },
    clock: options.clock ?? systemClock,
    limits: {
      // 10 failures per address per 15 minutes stops guessing; 100 per client allows a shared NAT.
      signInPerEmail: new FailureLimiter(10, 15 * 60_000),
      signInPerClient: new FailureLimiter(100, 15 * 60_000),
    },
  };
  return {
    deps,
    reference: () => reference(),
    csrfMatches,
    /** Signs checkpoints of every log that grew; the server runs it every few seconds. */
    publishCheckpoints: () => publishCheckpoints(deps),
    /** Decides every vote whose period has ended and sends closing-soon notices; the server runs it every few seconds. */
    closeDueProposals: () => closeDueProposals(deps),
    ...bind(deps, {
      signUp,
      signIn,
      signOut,
      authenticateSession,
      authenticateApiToken,
      getMe,
      localActor,
      listApiTokens,
      createApiToken,
      revokeApiToken,
      createUserAccount,
      createCollective,
      initCollective,
      getCollective,
      leaveCollective,
      listMembers,
      createInvitation,
      listInvitations,
      revokeInvitation,
      previewInvitation,
      acceptInvitation,
      listDatasets,
      createDataset,
      listMyRecords,
      memberHome,
      stewardHome,
      memberInsights,
      consentOptions,
      consentNoticeFor,
      recordConsent,
      myConsent,
      consentReceipt,
      consentCoverageFor,
      memberInsightsByEmail,
      logOverview,
      logEntries,
      myLogEntries,
      inclusionProof,
      consistencyProof,
      logReceipt,
      logCheckpointText,
      logKeyText,
      logTile,
      rotateLogKey,
      authorizeImport,
      previewImport,
      confirmImport,
      getCharter,
      charterVersions,
      evaluateAccessRequest,
      listProposals,
      createProposal,
      getProposal,
      updateProposal,
      openProposal,
      castBallot,
      myBallot,
      vetoProposal,
      commentOnProposal,
      closeProposal,
      myDelegations,
      setDelegation,
      revokeDelegation,
      listNotifications,
      markNotificationsRead,
      recomputeTallies,
    }),
  };
}

export type App = ReturnType<typeof createApp>;

export { seedDemo, DEMO_PASSWORD, DEMO_SLUG, DEMO_ACCOUNTS } from './demo/seed.ts';
