import { seedDemo, withConsentedRecords, type Actor } from '@steward/app';
import type { DecisionInput } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, STORES, type Stack } from '../helpers/stack.ts';

/**
 * Rule C2: a revocation applies to every use that starts after it commits. Revocations race
 * against a stream of uses through the one gated path to records; every use that started after
 * the revocation's commit returned must leave the member out, every use that started before it
 * began must include them, and no use ever sees part of a member's records.
 */

const SMALL_DEMO = { seed: 5, members: 3, start: new Date('2026-01-05T00:00:00Z'), weeks: 2 };
const ROUNDS = 8;
const USES_PER_ROUND = 12;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`revocation races queries (${s.name})`, () => {
    let stack: Stack;
    let actor: Actor;
    let collectiveId: string;
    let tasksId: string;
    let memberRecords: number;

    beforeAll(async () => {
      stack = await startStack(s.name);
      await seedDemo(stack.app.deps, SMALL_DEMO);
      actor = { userId: (await stack.store.read.users.byEmail('member@demo.example'))!.id, via: 'session' };
      collectiveId = (await stack.store.read.collectives.bySlug('demo'))!.id;
      tasksId = (await stack.store.read.datasets.list(collectiveId)).find((d) => d.canonical === 'work_tasks')!.id;
      memberRecords = (await stack.store.read.records.countForMember(collectiveId, actor.userId))[tasksId]!;
    }, 180_000);
    afterAll(() => stack?.close());

    const change = (status: 'given' | 'withdrawn'): DecisionInput => ({
      changes: [{ scope: { datasets: [{ datasetId: tasksId }], purposes: ['dpv:AcademicResearch'], recipients: [{ category: 'academic' }] }, status }],
    });
    /** Reads the notice, then records the decision; resolves when the decision has committed. */
    async function decide(status: 'given' | 'withdrawn'): Promise<void> {
      const notice = await stack.app.consentNoticeFor({ actor, slug: 'demo', decision: change(status) });
      await stack.app.recordConsent({ actor, slug: 'demo', decision: change(status), noticeDigest: notice.digest });
    }
    /** One use: when it started, and how many of the member's records it saw. */
    async function useOnce(): Promise<{ startedAt: number; seen: number }> {
      const startedAt = performance.now();
      const seen = await withConsentedRecords(stack.app.deps, { collectiveId, use: { datasetId: tasksId, purpose: 'dpv:AcademicResearch', recipient: { category: 'academic' } } }, async (r) => {
        let n = 0;
        let cursor: string | null = null;
        do {
          const page = await r.page({ limit: 500, cursor });
          n += page.items.filter((rec) => rec.memberId === actor.userId).length;
          cursor = page.next;
        } while (cursor);
        return n;
      });
      return { startedAt, seen };
    }

    it('[C2] every use that starts after a revocation commits leaves the member out', async () => {
      expect(memberRecords).toBeGreaterThan(10);
      let before = 0;
      let after = 0;
      let during = 0;
      for (let round = 0; round < ROUNDS; round++) {
        await decide('given');
        const revokeStarted = performance.now();
        const revoked = decide('withdrawn').then(() => performance.now());
        // Uses start while the revocation runs: some before it commits, some after.
        const uses = Array.from({ length: USES_PER_ROUND }, (_, i) => sleep(i * (round + 1)).then(useOnce));
        const revokedAt = await revoked;
        // And the very next use after the commit returned.
        uses.push(useOnce());
        const results = await Promise.all(uses);
        for (const r of results) {
          // All of the member's records or none: a use sees one consistent snapshot.
          expect([0, memberRecords]).toContain(r.seen);
          if (r.startedAt > revokedAt) {
            after++;
            expect(r.seen, `round ${round}: a use that started ${(r.startedAt - revokedAt).toFixed(1)} ms after the revocation committed`).toBe(0);
          } else if (r.startedAt < revokeStarted) {
            before++;
            expect(r.seen, `round ${round}: a use that started before the revocation`).toBe(memberRecords);
          } else during++;
        }
      }
      // The race really happened on both sides of the commit.
      expect(after).toBeGreaterThanOrEqual(ROUNDS);
      expect(before + during).toBeGreaterThan(0);
    }, 120_000);
  });
}
