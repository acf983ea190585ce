import type { App } from '@steward/app';
import { clearSessionCookies, setSessionCookies, type CookiePolicy } from './http/cookies.ts';
import type { Handlers } from './http/register.ts';
import type { UploadStore } from './http/uploads.ts';

/**
 * One thin handler per route: it passes the validated input to one application call and returns
 * the result. No rules live here.
 */
export function handlers(app: App, cookies: CookiePolicy, info: { version: string }, uploads: UploadStore): Handlers {
  return {
    health: async () => ({ status: 'ok' as const, version: info.version, store: app.deps.store.kind }),
    reference: async () => app.reference(),

    signUp: async ({ body, http }) => {
      const s = await app.signUp(body);
      setSessionCookies(http, cookies, s.sessionToken, s.csrfToken, s.expiresAt);
      return { user: s.user, csrfToken: s.csrfToken };
    },
    signIn: async ({ body, client, http }) => {
      const s = await app.signIn({ ...body, client });
      setSessionCookies(http, cookies, s.sessionToken, s.csrfToken, s.expiresAt);
      return { user: s.user, csrfToken: s.csrfToken };
    },
    signOut: async ({ sessionToken, http }) => {
      if (sessionToken) await app.signOut({ sessionToken });
      clearSessionCookies(http, cookies);
    },
    me: ({ actor }) => app.getMe({ actor }),
    listTokens: ({ actor }) => app.listApiTokens({ actor }),
    createToken: ({ actor, body }) => app.createApiToken({ actor, ...body }),
    revokeToken: ({ actor, params }) => app.revokeApiToken({ actor, tokenId: params.tokenId }),

    createCollective: ({ actor, body }) => app.createCollective({ actor, ...body }),
    getCollective: ({ actor, params }) => app.getCollective({ actor, slug: params.slug }),
    leaveCollective: ({ actor, params }) => app.leaveCollective({ actor, slug: params.slug }),
    listMembers: ({ actor, params, query }) => app.listMembers({ actor, slug: params.slug, ...query }),
    createInvitation: ({ actor, params, body }) => app.createInvitation({ actor, slug: params.slug, ...body }),
    listInvitations: ({ actor, params }) => app.listInvitations({ actor, slug: params.slug }),
    revokeInvitation: ({ actor, params }) => app.revokeInvitation({ actor, ...params }),
    previewInvitation: ({ params }) => app.previewInvitation({ token: params.token }),
    acceptInvitation: ({ actor, params }) => app.acceptInvitation({ actor, token: params.token }),

    listDatasets: ({ actor, params }) => app.listDatasets({ actor, slug: params.slug }),
    createDataset: ({ actor, params, body }) => app.createDataset({ actor, slug: params.slug, dataset: body }),
    myRecords: ({ actor, params, query }) => app.listMyRecords({ actor, slug: params.slug, dataset: params.dataset, ...query }),

    memberHome: ({ actor, params }) => app.memberHome({ actor, slug: params.slug }),
    stewardHome: ({ actor, params }) => app.stewardHome({ actor, slug: params.slug }),
    memberInsights: ({ actor, params, query }) =>
      app.memberInsights({
        actor,
        slug: params.slug,
        period: query.period,
        timeZone: query.timeZone,
        expensesPerKm: query.expensesPerKmMinor === undefined ? null : { amountMinor: query.expensesPerKmMinor, currency: query.currency ?? '' },
        workplace: query.workplace ?? null,
        workplaceRadiusM: query.workplaceRadiusM ?? null,
      }),

    consentOptions: ({ actor, params }) => app.consentOptions({ actor, slug: params.slug }),
    consentNotice: ({ actor, params, body }) => app.consentNoticeFor({ actor, slug: params.slug, decision: body }),
    recordConsent: ({ actor, params, body }) => {
      const { noticeDigest, ...decision } = body;
      return app.recordConsent({ actor, slug: params.slug, decision, noticeDigest });
    },
    myConsent: ({ actor, params }) => app.myConsent({ actor, slug: params.slug }),
    consentReceipt: ({ actor, params }) => app.consentReceipt({ actor, slug: params.slug, recordId: params.recordId }),
    consentCoverage: ({ actor, params }) => app.consentCoverageFor({ actor, slug: params.slug }),

    getCharter: ({ actor, params }) => app.getCharter({ actor, slug: params.slug }),
    charterVersions: ({ actor, params }) => app.charterVersions({ actor, slug: params.slug }),
    evaluateRequest: ({ actor, params, body }) => app.evaluateAccessRequest({ actor, slug: params.slug, terms: body }),
    listProposals: ({ actor, params, query }) => app.listProposals({ actor, slug: params.slug, ...query }),
    createProposal: ({ actor, params, body }) => app.createProposal({ actor, slug: params.slug, proposal: body }),
    getProposal: ({ actor, params }) => app.getProposal({ actor, ...params }),
    updateProposal: ({ actor, params, body }) => app.updateProposal({ actor, ...params, changes: body }),
    openProposal: ({ actor, params }) => app.openProposal({ actor, ...params }),
    castBallot: ({ actor, params, body }) => app.castBallot({ actor, ...params, choice: body.choice }),
    myBallot: ({ actor, params }) => app.myBallot({ actor, ...params }),
    vetoProposal: ({ actor, params, body }) => app.vetoProposal({ actor, ...params, ...body }),
    commentOnProposal: ({ actor, params, body }) => app.commentOnProposal({ actor, ...params, body: body.body }),
    closeProposal: ({ actor, params }) => app.closeProposal({ actor, ...params }),
    myDelegations: ({ actor, params }) => app.myDelegations({ actor, slug: params.slug }),
    setDelegation: ({ actor, params, body }) => app.setDelegation({ actor, ...params, delegateEmail: body.delegateEmail }),
    revokeDelegation: ({ actor, params }) => app.revokeDelegation({ actor, ...params }),
    notifications: ({ actor, params }) => app.listNotifications({ actor, slug: params.slug }),
    markNotificationsRead: ({ actor, params }) => app.markNotificationsRead({ actor, slug: params.slug }),
    verifyGovernance: ({ actor, params }) => app.recomputeTallies({ actor, slug: params.slug }),

    logOverview: ({ params }) => app.logOverview({ slug: params.slug }),
    logEntries: ({ params, query }) => app.logEntries({ slug: params.slug, ...query }),
    myLogEntries: ({ actor, params }) => app.myLogEntries({ actor, slug: params.slug }),
    inclusionProof: ({ params, query }) => app.inclusionProof({ slug: params.slug, ...query }),
    consistencyProof: ({ params, query }) => app.consistencyProof({ slug: params.slug, ...query }),
    receipt: ({ params }) => app.logReceipt({ slug: params.slug, index: params.index }),

    previewImport: async ({ actor, params, query, http }) => {
      const fileName = decodeURIComponent(http.req.header('x-file-name') ?? 'upload').slice(0, 200);
      const choices = { ...query };
      // Check the caller may import here before taking a possibly large file.
      await app.authorizeImport({ actor, slug: params.slug });
      const upload = await uploads.save(http.req.raw.body, { fileName, userId: actor!.userId, slug: params.slug, choices });
      try {
        const preview = await app.previewImport({ actor, slug: params.slug, file: { name: fileName, path: upload.path }, choices });
        return { uploadId: upload.id, fileName, ...preview };
      } catch (err) {
        await uploads.remove(upload.id);
        throw err;
      }
    },
    confirmImport: async ({ actor, params }) => {
      await app.authorizeImport({ actor, slug: params.slug });
      const upload = uploads.get(params.uploadId, actor!.userId, params.slug);
      const result = await app.confirmImport({ actor, slug: params.slug, file: { name: upload.fileName, path: upload.path }, choices: upload.choices });
      await uploads.remove(upload.id);
      return result;
    },
  };
}
