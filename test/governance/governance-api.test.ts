import { firstCharter } from '@steward/app';
import { validateCharter, type Charter } from '@steward/core';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, STORES, testClock, type Stack } from '../helpers/stack.ts';
import { collectiveWith, failure, logOf, no, smNo, smYes, yes, type Person } from './helpers.ts';

/**
 * Governance end to end through the HTTP API on a real database: the charter each collective
 * starts with, amendments adopted by vote, vetoes (G2), access requests the charter forbids (G1),
 * delegation chains and cycle refusal, quorum, concurrent closers, per-proposal pseudonyms (T3),
 * and every tally recomputed from the log (G3). A test clock moves time past voting periods.
 */

type Collective = Awaited<ReturnType<typeof collectiveWith>>;

const researchTerms = {
  purpose: 'dpv:AcademicResearch',
  recipient: 'academic' as const,
  datasets: ['work_tasks'],
  rhoMicro: 50_000,
  price: { amountMinor: 0, currency: 'EUR' },
  durationDays: 90,
};

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`governance through the API (${s.name})`, () => {
    const clock = testClock();
    let stack: Stack;
    let union: Collective;
    let trust: Collective;
    let deleg: Collective;
    let community: Collective;
    /** Texts that must never reach the log (T3). */
    const secrets: string[] = [];
    const decided: Record<string, string[]> = {};
    const remember = (c: Collective, id: string) => (decided[c.slug] ??= []).push(id);

    const propose = (by: Person, c: Collective, body: Record<string, unknown>) =>
      by.client.call('createProposal', { params: { slug: c.slug }, body: body as never });
    const open = (c: Collective, proposalId: string) => c.steward.client.call('openProposal', { params: { slug: c.slug, proposalId } });
    const vote = (by: Person, c: Collective, proposalId: string, choice: unknown) =>
      by.client.call('castBallot', { params: { slug: c.slug, proposalId }, body: { choice: choice as never } });
    const close = (c: Collective, proposalId: string) => c.steward.client.call('closeProposal', { params: { slug: c.slug, proposalId } });
    const charterOf = async (c: Collective) => (await c.steward.client.call('getCharter', { params: { slug: c.slug } })).charter as Charter;

    beforeAll(async () => {
      stack = await startStack(s.name, { clock, config: { sessionTtlHours: 24 * 200 } });
      union = await collectiveWith(stack, 'gov-union', 'union', 4);
      trust = await collectiveWith(stack, 'gov-trust', 'trust', 3);
      deleg = await collectiveWith(stack, 'gov-deleg', 'union', 4);
      community = await collectiveWith(stack, 'gov-community', 'community', 2);
      for (const c of [union, trust, deleg, community]) secrets.push(c.steward.email, c.steward.userId, ...c.members.flatMap((m) => [m.email, m.userId]));
    }, 180_000);
    afterAll(() => stack?.close());

    it('every collective starts with charter version 1 chosen by its kind, logged with its digest; named veto bodies sit as stewards', async () => {
      const view = await union.members[0]!.client.call('getCharter', { params: { slug: union.slug } });
      expect(view).toMatchObject({ version: 1, proposalId: null, charter: { kind: 'union' } });
      expect(view.description.join('\n')).toMatch(/Delegation: a member may let another member vote/);
      const adopted = (await logOf(stack, union.id)).filter((e) => e.type === 'charter.adopted');
      expect(adopted).toEqual([expect.objectContaining({ counts: { version: 1 }, digests: { charter: view.digest } })]);
      expect((await charterOf(trust)).kind).toBe('health_cooperative');
      expect((await charterOf(community)).kind).toBe('indigenous_data_governance');
      for (const kind of ['cooperative', 'union', 'trust', 'community'] as const) {
        const c = firstCharter(kind);
        expect(validateCharter(c)).toEqual(c);
        expect(c.vetoes.every((v) => 'role' in v.members || v.members.userIds.length > 0)).toBe(true);
      }
      expect((await charterOf(trust)).vetoes.map((v) => [v.holder, v.members])).toEqual([
        ['Health committee', { role: 'steward' }],
        ['Health committee', { role: 'steward' }],
      ]);
      const versions = await union.steward.client.call('charterVersions', { params: { slug: union.slug } });
      expect(versions.items.map((v) => [v.version, v.changes])).toEqual([[1, []]]);
    });

    it('a charter amendment: draft → open → votes (one changed) → close → passed; version 2 is adopted and its diff shown', async () => {
      const [m0, m1, m2, m3] = union.members as [Person, Person, Person, Person];
      const next = structuredClone(await charterOf(union));
      next.minCohort = 12;
      next.decisions.motion = { method: 'schulze', quorum: { num: 1, den: 10 }, threshold: { num: 1, den: 2 }, votingPeriodDays: 7 };
      const draft = await propose(m0, union, { kind: 'charter_amendment', title: 'Larger cohorts, ranked motions', body: 'Why: small groups can be re-identified.', payload: { charter: next } });
      secrets.push('Larger cohorts, ranked motions', 'small groups can be re-identified');
      expect(draft).toMatchObject({ status: 'draft', mine: true, can: { edit: true, open: true, vote: false } });
      expect(draft.changes!.map((c) => c.path)).toEqual(['/minCohort', '/decisions/motion/method']);

      const bad = await failure(propose(m0, union, { kind: 'charter_amendment', title: 'Broken', payload: { charter: { ...next, minCohort: 1 } } }));
      expect([bad.status, bad.errors.map((e) => e.field)]).toEqual([422, ['payload.charter.minCohort']]);
      expect((await failure(m1.client.call('updateProposal', { params: { slug: union.slug, proposalId: draft.id }, body: { title: 'Mine now' } }))).status).toBe(403);
      await m0.client.call('updateProposal', { params: { slug: union.slug, proposalId: draft.id }, body: { title: 'Larger cohorts, ranked motions (v2)' } });
      secrets.push('Larger cohorts, ranked motions (v2)');
      expect((await failure(m1.client.call('openProposal', { params: { slug: union.slug, proposalId: draft.id } }))).status).toBe(403);

      const opened = await open(union, draft.id);
      expect(opened).toMatchObject({ status: 'open', electorate: 5, charterVersion: 1, rule: { method: 'supermajority', threshold: { num: 2, den: 3 } } });
      expect(Date.parse(opened.closesAt!) - Date.parse(opened.openedAt!)).toBe(14 * 86_400_000);
      expect((await failure(m0.client.call('updateProposal', { params: { slug: union.slug, proposalId: draft.id }, body: { title: 'late' } }))).code).toBe('proposal_not_draft');
      const notes = await m2.client.call('notifications', { params: { slug: union.slug } });
      expect(notes.items).toEqual([expect.objectContaining({ kind: 'proposal.opened', proposalId: draft.id, readAt: null })]);
      expect(await m2.client.call('markNotificationsRead', { params: { slug: union.slug } })).toEqual({ marked: 1 });

      await vote(union.steward, union, draft.id, smYes);
      await vote(m0, union, draft.id, smYes);
      const first = await vote(m1, union, draft.id, smNo);
      const changed = await vote(m1, union, draft.id, smYes);
      expect(changed.pseudonym).toBe(first.pseudonym);
      expect(changed.pseudonym).toMatch(/^v:/);
      await vote(m2, union, draft.id, smNo);
      const wrong = await failure(vote(m3, union, draft.id, yes));
      expect([wrong.status, wrong.errors[0]?.field]).toEqual([422, 'choice.method']);
      await m3.client.call('commentOnProposal', { params: { slug: union.slug, proposalId: draft.id }, body: { body: 'I will not vote on this one, sorry.' } });
      secrets.push('I will not vote on this one');

      const seen = await m3.client.call('getProposal', { params: { slug: union.slug, proposalId: draft.id } });
      expect(seen).toMatchObject({ ballotsCast: 4, result: null, can: { vote: true }, comments: [{ mine: true, body: 'I will not vote on this one, sorry.' }] });
      expect(JSON.stringify(seen)).not.toContain('"choice"');
      const mine = await m1.client.call('myBallot', { params: { slug: union.slug, proposalId: draft.id } });
      expect(mine).toMatchObject({ inElectorate: true, pseudonym: first.pseudonym, ballot: { choice: smYes, changes: 1 } });

      expect((await failure(close(union, draft.id))).code).toBe('voting_still_open');
      clock.advanceDays(15);
      expect((await failure(vote(m3, union, draft.id, smYes))).code).toBe('proposal_not_open');
      const done = await close(union, draft.id);
      remember(union, draft.id);
      expect(done).toMatchObject({ status: 'passed', result: { outcome: 'passed', turnout: 4, electorate: 5, quorumMet: true, counts: { yes: 3, no: 1 } } });
      expect(done.result!.reasons.join(' ')).toMatch(/4 of 5 members took part/);
      expect(done.payload.decision).toMatchObject({ effect: 'charter_adopted', charterVersion: 2 });
      expect((await failure(vote(m3, union, draft.id, smYes))).code).toBe('proposal_not_open');
      expect((await failure(close(union, draft.id))).code).toBe('proposal_decided');

      const now = await m3.client.call('getCharter', { params: { slug: union.slug } });
      expect(now).toMatchObject({ version: 2, proposalId: draft.id, charter: { minCohort: 12 } });
      const versions = await m3.client.call('charterVersions', { params: { slug: union.slug } });
      expect(versions.items[1]).toMatchObject({ version: 2, proposalId: draft.id, changes: [{ path: '/minCohort', before: 10, after: 12 }, { path: '/decisions/motion/method', before: 'majority', after: 'schulze' }] });
      const log = await logOf(stack, union.id);
      expect(log.filter((e) => e.type === 'charter.adopted').at(-1)).toMatchObject({ counts: { version: 2 }, digests: { charter: now.digest }, refs: { proposal: draft.id } });
      expect(log.filter((e) => e.type === 'proposal.decided')).toEqual([expect.objectContaining({ refs: { proposal: draft.id, outcome: 'passed', effect: 'charter_adopted' } })]);
      expect((await m2.client.call('notifications', { params: { slug: union.slug } })).items.map((n) => n.kind)).toEqual(['proposal.decided', 'proposal.opened']);
    });

    it('a ranked-choice (Schulze) motion under the amended charter needs options and picks the Condorcet winner', async () => {
      const [m0, m1, m2, m3] = union.members as [Person, Person, Person, Person];
      const none = await failure(propose(m0, union, { kind: 'motion', title: 'Where to meet' }));
      expect([none.status, none.errors[0]?.field]).toEqual([422, 'options']);
      const p = await propose(m0, union, {
        kind: 'motion',
        title: 'Where to meet',
        options: [
          { id: 'hall', label: 'The union hall' },
          { id: 'park', label: 'The park' },
          { id: 'online', label: 'Online' },
        ],
      });
      await open(union, p.id);
      await vote(union.steward, union, p.id, { method: 'schulze', ranking: [['hall'], ['park'], ['online']] });
      await vote(m0, union, p.id, { method: 'schulze', ranking: [['hall'], ['online']] });
      await vote(m1, union, p.id, { method: 'schulze', ranking: [['park'], ['hall'], ['online']] });
      await vote(m2, union, p.id, { method: 'schulze', ranking: [['online'], ['hall', 'park']] });
      await vote(m3, union, p.id, { method: 'schulze', ranking: [['hall', 'park'], ['online']] });
      clock.advanceDays(8);
      const done = await close(union, p.id);
      remember(union, p.id);
      expect(done).toMatchObject({ status: 'passed', result: { method: 'schulze', winners: ['hall'] } });
      expect(done.result!.reasons.join(' ')).toMatch(/The union hall beats or ties every other option/);
    });

    it('[G2] a vetoed amendment changes nothing: only the charter’s veto holder may veto, with a reason that is stored but never logged', async () => {
      const [m0, m1, m2] = trust.members as [Person, Person, Person];
      const next = structuredClone(await charterOf(trust));
      next.minCohort = 10;
      const p = await propose(m0, trust, { kind: 'charter_amendment', title: 'Smaller cohorts', payload: { charter: next } });
      await open(trust, p.id);
      for (const who of [trust.steward, m0, m1, m2]) await vote(who, trust, p.id, smYes);
      expect((await failure(m1.client.call('vetoProposal', { params: { slug: trust.slug, proposalId: p.id }, body: { reason: 'I do not like it' } }))).status).toBe(403);
      expect((await trust.steward.client.call('getProposal', { params: { slug: trust.slug, proposalId: p.id } })).can.veto).toEqual(['Health committee']);
      const reason = 'Cohorts of ten re-identify patients with rare conditions.';
      secrets.push(reason);
      expect(await trust.steward.client.call('vetoProposal', { params: { slug: trust.slug, proposalId: p.id }, body: { reason } })).toMatchObject({ holder: 'Health committee' });
      expect((await failure(trust.steward.client.call('vetoProposal', { params: { slug: trust.slug, proposalId: p.id }, body: { reason } }))).code).toBe('already_vetoed');
      clock.advanceDays(22);
      expect((await failure(trust.steward.client.call('vetoProposal', { params: { slug: trust.slug, proposalId: p.id }, body: { reason } }))).code).toBe('proposal_not_open');
      const done = await close(trust, p.id);
      remember(trust, p.id);
      expect(done).toMatchObject({ status: 'vetoed', result: { outcome: 'vetoed', counts: { yes: 4 } }, payload: { decision: { effect: 'none' } }, vetoes: [{ holder: 'Health committee', reason }] });
      expect(done.result!.reasons[0]).toMatch(/Vetoed by Health committee/);
      expect((await m0.client.call('getCharter', { params: { slug: trust.slug } })).version).toBe(1);
      const log = await logOf(stack, trust.id);
      expect(log.filter((e) => e.type === 'proposal.vetoed')).toEqual([expect.objectContaining({ refs: { proposal: p.id, holder: 'Health committee' } })]);
      expect(log.filter((e) => e.type === 'charter.adopted')).toHaveLength(1);
    });

    it('[G1] an access request the charter forbids cannot become a proposal; one it allows needs none; [G2] an expired one yields nothing', async () => {
      const m0 = union.members[0]!;
      const before = (await m0.client.call('listProposals', { params: { slug: union.slug }, query: {} })).items.length;
      const forbidden = await failure(propose(m0, union, { kind: 'access_request', title: 'Sell to a platform', payload: { terms: { ...researchTerms, purpose: 'dpv:CommercialResearch', recipient: 'commercial' } } }));
      expect([forbidden.status, forbidden.code]).toEqual([409, 'request_forbidden']);
      expect(forbidden.message).toMatch(/no-companies/);
      const overBudget = await failure(propose(m0, union, { kind: 'access_request', title: 'Greedy', payload: { terms: { ...researchTerms, rhoMicro: 500_000 } } }));
      expect([overBudget.code, overBudget.message]).toEqual(['request_forbidden', expect.stringMatching(/privacy.maxRhoMicroPerRequest/)]);
      const allowed = await failure(propose(m0, union, { kind: 'access_request', title: 'Our own campaign', payload: { terms: { ...researchTerms, purpose: 'stw:CollectiveBargaining', recipient: 'collective' } } }));
      expect(allowed.code).toBe('request_needs_no_vote');
      expect((await m0.client.call('listProposals', { params: { slug: union.slug }, query: {} })).items.length).toBe(before);

      const dry = await union.steward.client.call('evaluateRequest', { params: { slug: union.slug }, body: { ...researchTerms, recipient: 'commercial' } });
      expect(dry.decision).toMatchObject({ outcome: 'forbidden', rule: 'no-companies' });
      expect((await failure(m0.client.call('evaluateRequest', { params: { slug: union.slug }, body: researchTerms }))).status).toBe(403);

      const p = await propose(m0, union, { kind: 'access_request', title: 'A study of shift lengths', payload: { terms: researchTerms } });
      expect(p.evaluation).toMatchObject({ outcome: 'vote', rule: 'research' });
      await open(union, p.id);
      clock.advanceDays(8);
      const done = await close(union, p.id);
      remember(union, p.id);
      expect(done).toMatchObject({ status: 'expired', result: { outcome: 'no_quorum', turnout: 0, quorumMet: false }, payload: { decision: { effect: 'none' } } });
      const filtered = await m0.client.call('listProposals', { params: { slug: union.slug }, query: { status: 'expired,vetoed' } });
      expect(filtered.items.map((x) => x.id)).toEqual([p.id]);
      expect((await failure(m0.client.call('listProposals', { params: { slug: union.slug }, query: { status: 'won' } }))).status).toBe(422);
    });

    it('a passed access request is marked approved for a grant, under the charter in force', async () => {
      const p = await propose(union.members[0]!, union, { kind: 'access_request', title: 'Another study', payload: { terms: researchTerms } });
      await open(union, p.id);
      for (const m of union.members.slice(0, 3)) await vote(m, union, p.id, yes);
      clock.advanceDays(8);
      const done = await close(union, p.id);
      remember(union, p.id);
      expect(done).toMatchObject({ status: 'passed', payload: { terms: researchTerms, decision: { effect: 'request_approved', charterVersion: 2, rule: 'research' } } });
    });

    it('delegation through the API: chains carry votes, a direct vote overrides, loops and bad delegates are refused', async () => {
      const [a, b, c, d] = deleg.members as [Person, Person, Person, Person];
      const set = (who: Person, topic: string, to: Person | string) =>
        who.client.call('setDelegation', { params: { slug: deleg.slug, topic: topic as never }, body: { delegateEmail: typeof to === 'string' ? to : to.email } });
      await set(a, '*', b);
      await set(b, 'motion', c);
      const loop = await failure(set(c, '*', a));
      expect([loop.status, loop.code]).toEqual([409, 'delegation_cycle']);
      expect((await failure(set(c, 'motion', c))).status).toBe(422);
      const outsider = await signedUp(stack, 'not-a-member');
      const strangers = await Promise.all([failure(set(c, 'motion', outsider)), failure(set(c, 'motion', 'nobody@test.example'))]);
      expect(strangers.map((e) => [e.status, e.errors[0]?.message])).toEqual([
        [422, 'no member of this collective has this e-mail address'],
        [422, 'no member of this collective has this e-mail address'],
      ]);
      const bs = await b.client.call('myDelegations', { params: { slug: deleg.slug } });
      expect(bs).toMatchObject({ allowed: true, items: [{ topic: 'motion', revokedAt: null }], incoming: [{ topic: '*', members: 1 }] });

      const chain = await propose(deleg.steward, deleg, { kind: 'motion', title: 'General meeting in May' });
      const override = await propose(deleg.steward, deleg, { kind: 'motion', title: 'General meeting in June' });
      await open(deleg, chain.id);
      await open(deleg, override.id);
      await vote(c, deleg, chain.id, yes);
      await vote(d, deleg, chain.id, no);
      await vote(c, deleg, override.id, yes);
      await vote(a, deleg, override.id, no);
      clock.advanceDays(8);
      const one = await close(deleg, chain.id);
      const two = await close(deleg, override.id);
      remember(deleg, chain.id);
      remember(deleg, override.id);
      expect(one.result).toMatchObject({ outcome: 'passed', turnout: 4, counts: { yes: 3, no: 1, delegated: 2 } });
      expect(two.result).toMatchObject({ outcome: 'passed', turnout: 3, counts: { yes: 2, no: 1, delegated: 1 } });
      const counted = (await logOf(stack, deleg.id)).filter((e) => e.type === 'delegation.counted' && e.refs?.proposal === chain.id);
      expect(counted).toHaveLength(2);
      expect(counted.every((e) => e.actor.startsWith('v:') && e.subject!.startsWith('v:'))).toBe(true);

      await a.client.call('revokeDelegation', { params: { slug: deleg.slug, topic: '*' } });
      expect((await failure(a.client.call('revokeDelegation', { params: { slug: deleg.slug, topic: '*' } }))).status).toBe(404);
      const log = await logOf(stack, deleg.id);
      expect(log.filter((e) => e.type === 'delegation.set').length).toBe(2);
      expect(log.filter((e) => e.type === 'delegation.revoked')).toHaveLength(1);

      // Two opposite delegations at the same moment: one is a loop once the other commits.
      const race = await Promise.allSettled([set(d, 'revenue_distribution', deleg.steward), set(deleg.steward, 'revenue_distribution', d)]);
      expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((race.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'delegation_cycle' });

      const refused = await failure(community.members[0]!.client.call('setDelegation', { params: { slug: community.slug, topic: '*' }, body: { delegateEmail: community.members[1]!.email } }));
      expect([refused.status, refused.code]).toEqual([409, 'delegation_not_allowed']);
    });

    it('[T3] a consent objection is logged as an objection only; its reason never reaches the log', async () => {
      const [m0, m1] = community.members as [Person, Person];
      const p = await propose(m0, community, { kind: 'motion', title: 'Share our fishing maps' });
      await open(community, p.id);
      const reason = 'Our elders were never asked about the maps.';
      secrets.push(reason, 'Share our fishing maps');
      expect((await failure(vote(m1, community, p.id, { method: 'consent', vote: 'object' }))).errors[0]?.field).toBe('choice.reason');
      await vote(m1, community, p.id, { method: 'consent', vote: 'object', reason });
      await vote(m0, community, p.id, { method: 'consent', vote: 'consent' });
      clock.advanceDays(15);
      const done = await close(community, p.id);
      remember(community, p.id);
      expect(done).toMatchObject({ status: 'rejected', result: { counts: { object: 1, objections: 1, consent: 1 } } });
      const ballots = (await logOf(stack, community.id)).filter((e) => e.type === 'ballot.cast');
      expect(ballots.map((e) => e.refs)).toEqual([
        { proposal: p.id, vote: 'object' },
        { proposal: p.id, vote: 'consent' },
      ]);
    });

    it('concurrent closers decide a vote once', async () => {
      const p = await propose(deleg.steward, deleg, { kind: 'motion', title: 'Close me twice' });
      await open(deleg, p.id);
      await vote(deleg.members[3]!, deleg, p.id, yes);
      clock.advanceDays(8);
      const [api1, api2, job] = await Promise.allSettled([close(deleg, p.id), close(deleg, p.id), stack.app.closeDueProposals()]);
      remember(deleg, p.id);
      const byApi = [api1, api2].filter((r) => r.status === 'fulfilled').length;
      const byJob = job.status === 'fulfilled' ? job.value.decided : 0;
      expect(byApi + byJob).toBe(1);
      for (const r of [api1, api2]) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409, code: 'proposal_decided' });
      const decidedEntries = (await logOf(stack, deleg.id)).filter((e) => e.type === 'proposal.decided' && e.refs?.proposal === p.id);
      expect(decidedEntries).toHaveLength(1);
    });

    it('members who join after a vote opens cannot vote on it; a closing-soon notice goes out once, a day before the close', async () => {
      const p = await propose(deleg.steward, deleg, { kind: 'motion', title: 'Closing soon' });
      await open(deleg, p.id);
      const inv = await deleg.steward.client.call('createInvitation', { params: { slug: deleg.slug }, body: {} });
      const late = await signedUp(stack, 'latecomer');
      secrets.push(late.email, late.userId);
      await late.client.call('acceptInvitation', { params: { token: inv.token } });
      expect((await failure(vote(late, deleg, p.id, yes))).status).toBe(403);
      expect(await late.client.call('myBallot', { params: { slug: deleg.slug, proposalId: p.id } })).toEqual({ inElectorate: false, pseudonym: null, ballot: null });

      clock.advanceDays(5);
      expect((await stack.app.closeDueProposals()).notified).toBe(0);
      clock.advanceDays(1.5);
      expect(await stack.app.closeDueProposals()).toMatchObject({ decided: 0, notified: 1, failures: [] });
      expect((await stack.app.closeDueProposals()).notified).toBe(0);
      const kinds = (await deleg.members[0]!.client.call('notifications', { params: { slug: deleg.slug } })).items.filter((n) => n.proposalId === p.id).map((n) => n.kind);
      expect(kinds).toEqual(['proposal.closing_soon', 'proposal.opened']);
      expect((await late.client.call('notifications', { params: { slug: deleg.slug } })).items).toEqual([]);
      clock.advanceDays(1);
      expect(await stack.app.closeDueProposals()).toMatchObject({ decided: 1, failures: [] });
      remember(deleg, p.id);
      expect((await deleg.members[0]!.client.call('getProposal', { params: { slug: deleg.slug, proposalId: p.id } })).status).toBe('expired');
    });

    it('[T3] per-proposal pseudonyms differ across proposals and from the collective pseudonym; entries hold no personal data', async () => {
      const m0 = union.members[0]!;
      const [amendment, motion] = decided[union.slug]!;
      const on1 = (await m0.client.call('myBallot', { params: { slug: union.slug, proposalId: amendment! } })).pseudonym!;
      const on2 = (await m0.client.call('myBallot', { params: { slug: union.slug, proposalId: motion! } })).pseudonym!;
      const own = (await m0.client.call('myLogEntries', { params: { slug: union.slug } })).pseudonym;
      expect(new Set([on1, on2, own]).size).toBe(3);
      const log = await logOf(stack, union.id);
      expect(log.some((e) => e.type === 'ballot.cast' && e.actor === on1 && e.refs?.proposal === amendment)).toBe(true);
      expect(log.some((e) => e.type === 'ballot.cast' && e.actor === on2 && e.refs?.proposal === motion)).toBe(true);
      // A voter's pseudonym on one proposal appears on no entry of any other.
      expect(log.filter((e) => e.actor === on1 || e.subject === on1).every((e) => e.refs?.proposal === amendment)).toBe(true);
      for (const c of [union, trust, deleg, community]) {
        const text = JSON.stringify(await logOf(stack, c.id));
        for (const secret of secrets) expect(text).not.toContain(secret);
      }
    });

    it('[G3] recomputing every tally from the log matches the stored results; a tampered stored result is detected', async () => {
      for (const c of [union, trust, deleg, community]) {
        const v = await c.members[0]!.client.call('verifyGovernance', { params: { slug: c.slug } });
        expect(v.mismatches, JSON.stringify(v.proposals.filter((x) => !x.match))).toBe(0);
        expect(v.proposals.map((x) => x.id).sort()).toEqual([...decided[c.slug]!].sort());
        for (const x of v.proposals) {
          expect(x.recomputed).toBe(x.status);
          expect(x.recomputedDigest).toBe(x.storedDigest);
          expect(x.loggedDigest).toBe(x.storedDigest);
        }
      }
      const [amendment, motion] = decided[union.slug]!;
      await sql`update proposals set result = jsonb_set(result, '{turnout}', '5'::jsonb) where id = ${amendment}`.execute(stack.store.kysely);
      await sql`update proposals set status = 'rejected' where id = ${motion}`.execute(stack.store.kysely);
      const v = await union.steward.client.call('verifyGovernance', { params: { slug: union.slug } });
      expect(v.mismatches).toBe(2);
      const byId = new Map(v.proposals.map((x) => [x.id, x]));
      expect(byId.get(amendment!)!.problems).toContain('the stored result differs from the recount from the log');
      expect(byId.get(motion!)!.problems).toContain('stored as rejected, the recount says passed');
    });
  });
}
