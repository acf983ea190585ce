import { DEMO_PASSWORD, seedDemo, withConsentedRecords } from '@steward/app';
import { ApiError } from '@steward/contract';
import { verifyConsentReceipt, type DataUse } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, STORES, type BrowserClient, type Stack } from '../helpers/stack.ts';

/**
 * Consent end to end, through the HTTP API and the app's one gated path to records, on a real
 * database: opt-in (C1), each change a new record with its own log entry (C3), signed receipts,
 * coverage for stewards without identities, and withdrawal on leaving.
 */

/** A small demo (three members with records, three weeks) keeps the suite quick. */
const SMALL_DEMO = { seed: 11, members: 3, start: new Date('2026-01-05T00:00:00Z'), weeks: 3 };

type Decision = { preset?: string; changes?: unknown[]; expiresAt?: string | null; reviewAt?: string | null; datasetIds?: string[] };

/** Reads the notice for a decision, then records it with that notice's digest, as the web app does. */
async function decide(b: BrowserClient, decision: Decision) {
  const notice = await b.client.call('consentNotice', { params: { slug: 'demo' }, body: decision as never });
  return b.client.call('recordConsent', { params: { slug: 'demo' }, body: { ...(decision as object), noticeDigest: notice.digest } as never });
}

async function signIn(stack: Stack, email: string): Promise<BrowserClient> {
  const b = stack.browser();
  await b.client.call('signIn', { body: { email, password: DEMO_PASSWORD } });
  return b;
}

const inFuture = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`consent through the API (${s.name})`, () => {
    let stack: Stack;
    let member: BrowserClient;
    let memberId: string;
    let collectiveId: string;
    let tasksId: string;
    let paysId: string;

    beforeAll(async () => {
      stack = await startStack(s.name);
      await seedDemo(stack.app.deps, SMALL_DEMO);
      member = await signIn(stack, 'member@demo.example');
      memberId = (await stack.store.read.users.byEmail('member@demo.example'))!.id;
      collectiveId = (await stack.store.read.collectives.bySlug('demo'))!.id;
      const datasets = await stack.store.read.datasets.list(collectiveId);
      tasksId = datasets.find((d) => d.canonical === 'work_tasks')!.id;
      paysId = datasets.find((d) => d.canonical === 'pay_items')!.id;
    }, 180_000);
    afterAll(() => stack?.close());

    const use = (over: Partial<Omit<DataUse, 'at'>> = {}): Omit<DataUse, 'at'> => ({
      datasetId: tasksId,
      purpose: 'dpv:AcademicResearch',
      recipient: { category: 'academic' },
      ...over,
    });
    /** Runs a use through the gated path and returns whose records it saw. */
    const used = (u: Omit<DataUse, 'at'>) =>
      withConsentedRecords(stack.app.deps, { collectiveId, use: u }, async (r) => {
        const owners = new Set<string>();
        let cursor: string | null = null;
        do {
          const page = await r.page({ limit: 10_000, cursor });
          for (const rec of page.items) owners.add(rec.memberId);
          cursor = page.next;
        } while (cursor);
        return { members: [...r.members], owners: [...owners], excluded: r.excluded };
      });

    it('[C1] opt-in: before any decision every cell says no, and no use sees the member’s records', async () => {
      const mine = await member.client.call('myConsent', { params: { slug: 'demo' } });
      expect(mine.cells.length).toBeGreaterThan(100);
      expect(mine.cells.every((c) => !c.allowed && c.reason === 'no_consent')).toBe(true);
      expect(mine.history).toEqual([]);
      const seen = await used(use());
      expect(seen.owners).not.toContain(memberId);
      expect(seen.members).toEqual([]);
    });

    it('refuses a decision whose notice digest is not the notice for it, naming the field, and records nothing', async () => {
      const notice = await member.client.call('consentNotice', { params: { slug: 'demo' }, body: { preset: 'collective_only' } });
      expect(notice.text).toContain('Legal basis: your consent');
      const err = await member.client
        .call('recordConsent', { params: { slug: 'demo' }, body: { preset: 'research_public_interest', noticeDigest: notice.digest } })
        .catch((e: unknown) => e as ApiError);
      expect(err).toMatchObject({ status: 422 });
      expect((err as ApiError).errors).toMatchObject([{ field: 'noticeDigest' }]);
      const bad = await member.client
        .call('consentNotice', { params: { slug: 'demo' }, body: { changes: [{ scope: { datasets: [{ datasetId: tasksId }], purposes: ['dpv:Gossip'], recipients: [{ category: 'academic' }] }, status: 'given' }] } })
        .catch((e: unknown) => e as ApiError);
      expect((bad as ApiError).errors).toMatchObject([{ field: expect.stringMatching(/changes\.0\.scope\.purposes/) }]);
      expect((await member.client.call('myConsent', { params: { slug: 'demo' } })).history).toEqual([]);
    });

    it('[C1] a preset gives exactly its cells; the gate lets the member in for them only', async () => {
      const res = await decide(member, { preset: 'research_public_interest', expiresAt: inFuture(365), reviewAt: inFuture(180) });
      expect(res.records.map((r) => r.status)).toEqual(['withdrawn', 'given']);
      const mine = await member.client.call('myConsent', { params: { slug: 'demo' } });
      const cell = (purpose: string, category: string, datasetId = tasksId) => mine.cells.find((c) => c.datasetId === datasetId && c.purpose === purpose && c.category === category)!;
      expect(cell('dpv:AcademicResearch', 'academic')).toMatchObject({ allowed: true, reason: 'consent_given' });
      expect(cell('dpv:PublicBenefit', 'public_body', paysId)).toMatchObject({ allowed: true });
      expect(cell('dpv:Marketing', 'commercial')).toMatchObject({ allowed: false, reason: 'withdrawn' });
      expect(cell('dpv:AcademicResearch', 'commercial')).toMatchObject({ allowed: false, reason: 'withdrawn' });
      expect((await used(use())).owners).toContain(memberId);
      const commercial = await used(use({ recipient: { category: 'commercial' } }));
      expect(commercial.owners).not.toContain(memberId);
      expect(commercial.excluded.withdrawn).toBeGreaterThanOrEqual(1);
    });

    it('[C1] category vs named requester, and dataset-level vs field-level, through the gated path', async () => {
      const named = '6f1c2b9e-0000-4000-8000-00000000beef';
      const other = '6f1c2b9e-0000-4000-8000-00000000cafe';
      // A "no" to one named university, after a yes to all academics.
      await decide(member, { changes: [{ scope: { datasets: [{ datasetId: tasksId }], purposes: ['dpv:AcademicResearch'], recipients: [{ category: 'academic', requesterId: named }] }, status: 'refused' }] });
      expect((await used(use({ recipient: { category: 'academic', requesterId: named } }))).owners).not.toContain(memberId);
      expect((await used(use({ recipient: { category: 'academic', requesterId: other } }))).owners).toContain(memberId);
      expect((await used(use())).owners).toContain(memberId);
      const mine = await member.client.call('myConsent', { params: { slug: 'demo' } });
      expect(mine.named.find((c) => c.requesterId === named && c.datasetId === tasksId && c.purpose === 'dpv:AcademicResearch')).toMatchObject({ allowed: false, reason: 'refused' });

      // Field-level: pay items for non-commercial research, amounts and kinds only.
      await decide(member, { changes: [{ scope: { datasets: [{ datasetId: paysId, fields: ['amount', 'kind'] }], purposes: ['dpv:NonCommercialResearch'], recipients: [{ category: 'non_profit' }] }, status: 'given' }] });
      const pay = (fields?: string[]) => used({ datasetId: paysId, purpose: 'dpv:NonCommercialResearch', recipient: { category: 'non_profit' }, ...(fields ? { fields } : {}) });
      expect((await pay(['amount'])).owners).toContain(memberId);
      const wider = await pay(['amount', 'occurred_at', 'currency']);
      expect(wider.owners).not.toContain(memberId);
      expect(wider.excluded.fields_not_covered).toBe(1);
      expect((await pay()).owners).not.toContain(memberId);
    });

    it('[C3] every change is a new record with its own log entry, without personal data; history is kept', async () => {
      const before = await member.client.call('myConsent', { params: { slug: 'demo' } });
      const logBefore = await stack.store.read.log.size(collectiveId);
      const res = await decide(member, { preset: 'collective_only' });
      const after = await member.client.call('myConsent', { params: { slug: 'demo' } });
      expect(after.history.length).toBe(before.history.length + res.records.length);
      // The older records are all still there, unchanged.
      const older = after.history.slice(res.records.length);
      expect(older.map(({ state: _, ...r }) => r)).toEqual(before.history.map(({ state: _, ...r }) => r));
      expect(older.some((r) => r.state === 'superseded')).toBe(true);
      expect(res.logIndexes).toEqual(res.records.map((_, i) => logBefore + i));
      const entries = await stack.store.read.log.list(collectiveId, logBefore, 100);
      expect(entries.map((e) => JSON.parse(e.body).type)).toEqual(res.records.map(() => 'consent.recorded'));
      const user = (await stack.store.read.users.byEmail('member@demo.example'))!;
      for (const [i, e] of entries.entries()) {
        const body = JSON.parse(e.body);
        expect(body.refs).toEqual({ consent: res.records[i]!.id, status: res.records[i]!.status });
        expect(body.digests.notice).toBe(res.records[i]!.noticeDigest);
        expect(body.subject).toMatch(/^p:/);
        for (const secret of [user.id, user.email, user.displayName, tasksId]) expect(e.body).not.toContain(secret);
      }
    });

    it('receipts: signed, verifiable with the published key, pointing at the log entry; a changed byte fails', async () => {
      const mine = await member.client.call('myConsent', { params: { slug: 'demo' } });
      const record = mine.history[0]!;
      const receipt = await member.client.call('consentReceipt', { params: { slug: 'demo', recordId: record.id } });
      const key = await (await fetch(`${stack.url}/collectives/demo/log/key`)).text();
      const ok = verifyConsentReceipt(receipt, key.trim().split('\n'));
      expect(ok).toMatchObject({ ok: true });
      expect(receipt.record).toMatchObject({ identifier: record.id, dataSubject: memberId, status: { id: record.status }, notice: { digest: record.noticeDigest } });
      const entry = (await stack.store.read.log.list(collectiveId, receipt.record.logIndex!, 1))[0]!;
      expect(JSON.parse(entry.body).refs.consent).toBe(record.id);

      const text = JSON.stringify(receipt);
      const flips = [text.replace(record.id, record.id.replace(/.$/, (c) => (c === '0' ? '1' : '0'))), text.replace('"given"', '"refused"').replace('"collective"', '"commercial"')];
      for (const changed of flips) {
        expect(changed).not.toBe(text);
        expect(verifyConsentReceipt(JSON.parse(changed), key.trim().split('\n'))).toMatchObject({ ok: false });
      }
      const sig = receipt.signature;
      const i = sig.lastIndexOf('\n— ') + 10;
      const forged = { ...receipt, signature: sig.slice(0, i) + (sig[i] === 'A' ? 'B' : 'A') + sig.slice(i + 1) };
      expect(verifyConsentReceipt(forged, key.trim().split('\n'))).toMatchObject({ ok: false });

      // Only the member gets receipts for their records.
      const steward = await signIn(stack, 'steward@demo.example');
      const err = await steward.client.call('consentReceipt', { params: { slug: 'demo', recordId: record.id } }).catch((e: unknown) => e as ApiError);
      expect(err).toMatchObject({ status: 404 });
    });

    it('expired consent means no use; past the review date it is flagged to the member', async () => {
      const clock = stack.app.deps.clock;
      const real = clock.now;
      try {
        // Within the session's 14 days, so the member stays signed in while the clock moves.
        await decide(member, { preset: 'research_public_interest', expiresAt: inFuture(12), reviewAt: inFuture(10) });
        expect((await used(use())).owners).toContain(memberId);
        clock.now = () => new Date(Date.now() + 11 * 86_400_000);
        const mine = await member.client.call('myConsent', { params: { slug: 'demo' } });
        expect(mine.dueForReview).toEqual([mine.history[0]!.id]);
        expect(mine.history[0]!.state).toBe('due_for_review');
        expect((await used(use())).owners).toContain(memberId);
        clock.now = () => new Date(Date.now() + 13 * 86_400_000);
        const seen = await used(use());
        expect(seen.owners).not.toContain(memberId);
        expect(seen.excluded.expired).toBe(1);
        expect((await member.client.call('myConsent', { params: { slug: 'demo' } })).cells.find((c) => c.datasetId === tasksId && c.purpose === 'dpv:AcademicResearch' && c.category === 'academic')).toMatchObject({ allowed: false, reason: 'expired' });
      } finally {
        clock.now = real;
      }
    });

    it('stewards see coverage counts, never who; members may not', async () => {
      await decide(member, { preset: 'research_public_interest' });
      const steward = await signIn(stack, 'steward@demo.example');
      const cov = await steward.client.call('consentCoverage', { params: { slug: 'demo' } });
      expect(cov.members).toBeGreaterThanOrEqual(3);
      const count = (purpose: string, category: string) => cov.cells.find((c) => c.datasetId === tasksId && c.purpose === purpose && c.category === category)!.members;
      expect(count('dpv:AcademicResearch', 'academic')).toBe((await used(use())).members.length);
      expect(count('dpv:AcademicResearch', 'academic')).toBeGreaterThanOrEqual(1);
      expect(count('dpv:Marketing', 'commercial')).toBe(0);
      const text = JSON.stringify(cov);
      expect(text).not.toContain(memberId);
      expect(text).not.toContain('member@demo.example');
      const err = await member.client.call('consentCoverage', { params: { slug: 'demo' } }).catch((e: unknown) => e as ApiError);
      expect(err).toMatchObject({ status: 403 });
    });

    it('[C1] leaving withdraws every consent in the same transaction', async () => {
      const steward = await signIn(stack, 'steward@demo.example');
      const inv = await steward.client.call('createInvitation', { params: { slug: 'demo' }, body: { role: 'member' } });
      const leaver = await signedUp(stack, 'leaver');
      await leaver.client.call('acceptInvitation', { params: { token: inv.token } });
      await decide(leaver, { preset: 'all_but_commercial' });
      const cov = async () => (await steward.client.call('consentCoverage', { params: { slug: 'demo' } })).cells.find((c) => c.datasetId === tasksId && c.purpose === 'dpv:AcademicResearch' && c.category === 'academic')!.members;
      const withLeaver = await cov();
      await leaver.client.call('leaveCollective', { params: { slug: 'demo' } });
      expect(await cov()).toBe(withLeaver - 1);
      const history = await stack.store.read.consents.historyForMember(collectiveId, leaver.userId);
      expect(history.at(-1)).toMatchObject({ status: 'withdrawn' });
    });
  });
}
