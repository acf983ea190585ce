import { routes, type RouteDef } from '@steward/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, STORES, type BrowserClient, type Stack } from '../helpers/stack.ts';

/**
 * Walks every route of the contract: anonymous callers get 401 on every route that needs a user,
 * outsiders get 403 on every collective route, and members get 403 on steward-only routes —
 * always as an RFC 9457 problem that reveals nothing of the server.
 */
const SAMPLE_PARAMS: Record<string, string> = {
  slug: 'walk',
  tokenId: '00000000-0000-4000-8000-000000000000',
  invitationId: '00000000-0000-4000-8000-000000000000',
  dataset: 'work_tasks',
  token: 'sti_not-a-real-token-at-all',
  uploadId: 'not-a-real-upload-id',
  index: '0',
  recordId: '00000000-0000-4000-8000-000000000000',
  proposalId: '00000000-0000-4000-8000-000000000000',
  topic: 'motion',
};

/** A valid body for every route that takes one, so the walk reaches authorisation, not validation. */
const SAMPLE_BODIES: Record<string, unknown> = {
  signUp: { email: 'walker@test.example', password: 'a long enough password', displayName: 'Walker' },
  signIn: { email: 'walker@test.example', password: 'a long enough password' },
  createToken: { name: 'walk' },
  createCollective: { slug: 'walk-other', name: 'Walk other', kind: 'union' },
  createInvitation: { role: 'member' },
  createDataset: { canonical: 'shifts' },
  confirmImport: {},
  consentNotice: { preset: 'nothing' },
  recordConsent: { preset: 'nothing', noticeDigest: '0'.repeat(64) },
  evaluateRequest: { purpose: 'dpv:AcademicResearch', recipient: 'academic', datasets: ['work_tasks'], rhoMicro: 1000, price: { amountMinor: 0, currency: 'EUR' }, durationDays: 30 },
  createProposal: { kind: 'motion', title: 'Walk' },
  updateProposal: { title: 'Walk again' },
  castBallot: { choice: { method: 'majority', vote: 'yes' } },
  vetoProposal: { reason: 'Walking' },
  commentOnProposal: { body: 'Walking by' },
  setDelegation: { delegateEmail: 'walker@test.example' },
};

function pathOf(def: RouteDef): string {
  return def.path.replace(/\{(\w+)\}/g, (_, n: string) => SAMPLE_PARAMS[n]!);
}

async function call(stack: Stack, def: RouteDef, b?: BrowserClient) {
  const body = def.body ? JSON.stringify(SAMPLE_BODIES[def.operationId]) : def.method === 'get' ? undefined : '{}';
  const f = b?.fetch ?? fetch;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const csrf = b?.cookies.get('steward_csrf');
  if (csrf) headers['x-csrf-token'] = csrf;
  return f(stack.url + pathOf(def), { method: def.method.toUpperCase(), headers, body });
}

const STEWARD_ONLY = new Set([
  'listMembers',
  'createInvitation',
  'listInvitations',
  'revokeInvitation',
  'createDataset',
  'stewardHome',
  'consentCoverage',
  'evaluateRequest',
  'closeProposal',
]);

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`every route is authorised (${s.name})`, () => {
    let stack: Stack;
    let outsider: BrowserClient;
    let member: BrowserClient;
    const all = Object.entries(routes) as Array<[string, RouteDef]>;

    beforeAll(async () => {
      stack = await startStack(s.name);
      const steward = await signedUp(stack, 'steward');
      await steward.client.call('createCollective', { body: { slug: 'walk', name: 'Route walk', kind: 'union' } });
      await steward.client.call('createDataset', { params: { slug: 'walk' }, body: { canonical: 'work_tasks' } });
      const inv = await steward.client.call('createInvitation', { params: { slug: 'walk' }, body: {} });
      member = await signedUp(stack, 'member');
      await member.client.call('acceptInvitation', { params: { token: inv.token } });
      outsider = await signedUp(stack, 'outsider');
    });
    afterAll(() => stack?.close());

    it('has routes to walk, and a valid sample body for each route that takes one', () => {
      expect(all.length).toBeGreaterThan(15);
      for (const [, def] of all) if (def.body) expect(SAMPLE_BODIES, def.operationId).toHaveProperty(def.operationId);
    });

    for (const [name, def] of Object.entries(routes) as Array<[string, RouteDef]>) {
      if (def.auth === 'public') continue;
      it(`${name}: anonymous → 401 problem`, async () => {
        const res = await call(stack, def);
        expect(res.status).toBe(401);
        expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
        const body = await res.json();
        expect(body).toMatchObject({ status: 401, code: 'unauthenticated' });
        expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
      });
      if (def.path.includes('{slug}')) {
        it(`${name}: outsider → 403`, async () => {
          const res = await call(stack, def, outsider);
          expect(res.status).toBe(403);
          expect((await res.json()).code).toBe('forbidden');
        });
      }
      if (STEWARD_ONLY.has(name)) {
        it(`${name}: member without the steward role → 403`, async () => {
          const res = await call(stack, def, member);
          expect(res.status).toBe(403);
        });
      }
    }

    it('the steward-only list matches the permission table', () => {
      for (const name of STEWARD_ONLY) expect(routes[name as keyof typeof routes].path).toContain('{slug}');
    });
  });
}
