import { createApp } from '@steward/app';
import type { Store } from '@steward/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedUp, startStack, STORES, type Stack } from '../helpers/stack.ts';

for (const s of STORES) {
  describe.skipIf(!s.enabled)(`collectives, invitations and datasets (${s.name})`, () => {
    let stack: Stack;
    beforeAll(async () => {
      stack = await startStack(s.name);
    });
    afterAll(() => stack?.close());

    it('a steward creates a collective, invites a member by a single-use link, and the member joins', async () => {
      const steward = await signedUp(stack, 'stew');
      const created = await steward.client.call('createCollective', { body: { slug: 'riders', name: 'Riders Union', kind: 'union', description: 'Couriers of the city' } });
      expect(created).toMatchObject({ slug: 'riders', myRoles: ['steward', 'member'], counts: { steward: 1, member: 1, requester: 0, auditor: 0 } });

      const taken = await steward.client.call('createCollective', { body: { slug: 'riders', name: 'Again', kind: 'union' } }).catch((e) => e);
      expect([taken.status, taken.code]).toEqual([409, 'slug_taken']);

      const inv = await steward.client.call('createInvitation', { params: { slug: 'riders' }, body: { role: 'member', expiresInDays: 7, note: 'Tuesday meeting' } });
      expect(inv.path).toBe(`/join/${inv.token}`);
      const preview = await stack.browser().client.call('previewInvitation', { params: { token: inv.token } });
      expect(preview).toMatchObject({ role: 'member', collective: { slug: 'riders', name: 'Riders Union' } });

      const worker = await signedUp(stack, 'worker');
      const joined = await worker.client.call('acceptInvitation', { params: { token: inv.token } });
      expect(joined).toMatchObject({ slug: 'riders', roles: ['member'] });
      expect((await worker.client.call('me')).collectives.map((c) => c.slug)).toEqual(['riders']);

      const second = await signedUp(stack, 'latecomer');
      const reuse = await second.client.call('acceptInvitation', { params: { token: inv.token } }).catch((e) => e);
      expect([reuse.status, reuse.code]).toEqual([410, 'invitation_invalid']);
      const previewUsed = await stack.browser().client.call('previewInvitation', { params: { token: inv.token } }).catch((e) => e);
      expect(previewUsed.status).toBe(410);

      const list = await steward.client.call('listInvitations', { params: { slug: 'riders' } });
      expect(list.items).toEqual([expect.objectContaining({ id: inv.id, status: 'used', note: 'Tuesday meeting' })]);
      expect(JSON.stringify(list)).not.toContain(inv.token);

      const members = await steward.client.call('listMembers', { params: { slug: 'riders' }, query: { limit: 1 } });
      expect(members.items).toHaveLength(1);
      const rest = await steward.client.call('listMembers', { params: { slug: 'riders' }, query: { limit: 10, cursor: members.next! } });
      expect([...members.items, ...rest.items].map((m) => m.user.email).sort()).toEqual([steward.email, worker.email].sort());
    });

    it('an invitation link works once even when two people use it at the same moment', async () => {
      const steward = await signedUp(stack, 'race-stew');
      await steward.client.call('createCollective', { body: { slug: 'race', name: 'Race', kind: 'trust' } });
      const inv = await steward.client.call('createInvitation', { params: { slug: 'race' }, body: {} });
      const people = await Promise.all([signedUp(stack, 'r1'), signedUp(stack, 'r2'), signedUp(stack, 'r3')]);
      const results = await Promise.allSettled(people.map((p) => p.client.call('acceptInvitation', { params: { token: inv.token } })));
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const detail = await steward.client.call('getCollective', { params: { slug: 'race' } });
      expect(detail.counts.member).toBe(2);
    });

    it('revoked invitations cannot be used; the last steward cannot leave; members can', async () => {
      const steward = await signedUp(stack, 'rev-stew');
      await steward.client.call('createCollective', { body: { slug: 'revoke', name: 'Revoke', kind: 'community' } });
      const inv = await steward.client.call('createInvitation', { params: { slug: 'revoke' }, body: {} });
      await steward.client.call('revokeInvitation', { params: { slug: 'revoke', invitationId: inv.id } });
      const p = await signedUp(stack, 'too-late');
      expect((await p.client.call('acceptInvitation', { params: { token: inv.token } }).catch((e) => e)).status).toBe(410);

      const leave = await steward.client.call('leaveCollective', { params: { slug: 'revoke' } }).catch((e) => e);
      expect([leave.status, leave.code]).toEqual([409, 'last_steward']);

      const inv2 = await steward.client.call('createInvitation', { params: { slug: 'revoke' }, body: {} });
      await p.client.call('acceptInvitation', { params: { token: inv2.token } });
      await p.client.call('leaveCollective', { params: { slug: 'revoke' } });
      expect((await p.client.call('me')).collectives).toEqual([]);
      expect((await p.client.call('getCollective', { params: { slug: 'revoke' } }).catch((e) => e)).status).toBe(403);
    });

    it('[T1] every change appends a log entry in its transaction; [T3] entries hold no e-mails or names', async () => {
      const steward = await signedUp(stack, 'log-stew');
      const c = await steward.client.call('createCollective', { body: { slug: 'logged', name: 'Logged Collective', kind: 'cooperative' } });
      const inv = await steward.client.call('createInvitation', { params: { slug: 'logged' }, body: { note: 'for Ana' } });
      const m = await signedUp(stack, 'log-member');
      await m.client.call('acceptInvitation', { params: { token: inv.token } });
      await steward.client.call('createDataset', { params: { slug: 'logged' }, body: { canonical: 'shifts' } });
      await m.client.call('leaveCollective', { params: { slug: 'logged' } });

      const entries = await stack.store.read.log.list(c.id, 0, 100);
      expect(entries.map((e) => e.index)).toEqual(entries.map((_, i) => i));
      const types = entries.map((e) => JSON.parse(e.body).type);
      expect(types).toEqual(['collective.created', 'log.key_created', 'role.granted', 'role.granted', 'charter.adopted', 'invitation.created', 'role.granted', 'dataset.declared', 'member.left']);
      const text = entries.map((e) => e.body).join('\n');
      for (const secret of [steward.email, m.email, 'log-stew', 'log-member', 'Logged Collective', 'for Ana', inv.token, steward.userId, m.userId]) {
        expect(text).not.toContain(secret);
      }
      // The member's pseudonym is stable within the collective: joining and leaving name the same subject.
      const bodies = entries.map((e) => JSON.parse(e.body));
      expect(bodies[6].subject).toBe(bodies[8].subject);
      expect(await stack.store.read.log.size(c.id)).toBe(9);
    });

    it('[T1] a change whose log append fails leaves nothing behind', async () => {
      const steward = await signedUp(stack, 'atomic');
      // The real store, with a fault injected at the log append of every transaction.
      const real = stack.store;
      const faulty: Store = {
        kind: real.kind,
        read: real.read,
        ping: () => real.ping(),
        close: async () => {},
        snapshot: (fn) => real.snapshot(fn),
        transact: (fn) =>
          real.transact((tx) =>
            fn({
              ...tx,
              // Repositories are plain objects of functions: override only the append.
              log: {
                ...tx.log,
                append: async () => {
                  throw new Error('log device full');
                },
              },
            }),
          ),
      };
      const app = createApp({ store: faulty, keys: stack.app.deps.keys, config: { passwordCost: { logN: 12, r: 8, p: 1 } } });
      await expect(app.createCollective({ actor: { userId: steward.userId, via: 'session' }, slug: 'doomed', name: 'Doomed', kind: 'union' })).rejects.toThrow(
        'log device full',
      );
      expect(await real.read.collectives.bySlug('doomed')).toBeUndefined();
      expect((await real.read.collectives.listForUser(steward.userId)).map((m) => m.collective.slug)).not.toContain('doomed');
    });

    it('[S1] datasets: canonical or custom; members see only their own records', async () => {
      const steward = await signedUp(stack, 'ds-stew');
      await steward.client.call('createCollective', { body: { slug: 'data', name: 'Data', kind: 'cooperative' } });
      const tasks = await steward.client.call('createDataset', { params: { slug: 'data' }, body: { canonical: 'work_tasks' } });
      expect(tasks.schema.fields.find((f) => f.name === 'gross_fare')).toMatchObject({ type: 'money', currencyField: 'currency', category: 'pd:Income' });
      const dup = await steward.client.call('createDataset', { params: { slug: 'data' }, body: { canonical: 'work_tasks' } }).catch((e) => e);
      expect(dup.status).toBe(409);
      const custom = await steward.client.call('createDataset', {
        params: { slug: 'data' },
        body: { slug: 'mood', name: 'Mood log', schema: { version: 1, fields: [{ name: 'score', type: 'integer', unit: 'points', category: 'pd:Health', groupable: false, required: true, description: '' }] } },
      });
      expect(custom.canonical).toBeNull();
      expect((await steward.client.call('listDatasets', { params: { slug: 'data' } })).items.map((d) => d.slug)).toEqual(['work_tasks', 'mood']);

      // Two members with records; each sees only their own.
      const a = await signedUp(stack, 'ds-a');
      const b = await signedUp(stack, 'ds-b');
      for (const p of [a, b]) {
        const inv = await steward.client.call('createInvitation', { params: { slug: 'data' }, body: {} });
        await p.client.call('acceptInvitation', { params: { token: inv.token } });
      }
      const col = (await stack.store.read.collectives.bySlug('data'))!;
      const rec = (memberId: string, n: number) => ({
        id: crypto.randomUUID(), collectiveId: col.id, datasetId: tasks.id, memberId, source: 'test', importId: null,
        occurredAt: new Date(Date.UTC(2026, 0, n)),
        data: { platform: 'uber', task_type: 'trip', status: 'completed', started_at: new Date(Date.UTC(2026, 0, n)).toISOString(), gross_fare: 1000 + n, currency: 'EUR' },
      });
      await stack.store.transact((tx) => tx.records.insertMany([rec(a.userId, 1), rec(a.userId, 2), rec(b.userId, 3)]));

      const mine = await a.client.call('myRecords', { params: { slug: 'data', dataset: 'work_tasks' } });
      expect(mine.items.map((r) => r.data.gross_fare)).toEqual([1002, 1001]);
      const home = await a.client.call('memberHome', { params: { slug: 'data' } });
      expect(home.totalRecords).toBe(2);
      expect(home.datasets.find((d) => d.slug === 'work_tasks')!.myRecords).toBe(2);

      const stewardOwn = await steward.client.call('myRecords', { params: { slug: 'data', dataset: 'work_tasks' } });
      expect(stewardOwn.items).toEqual([]); // a steward's "own records" are theirs only, never others'
      const sh = await steward.client.call('stewardHome', { params: { slug: 'data' } });
      expect(sh).toMatchObject({ contributors: 2, counts: { member: 3, steward: 1 } });
      expect(sh.datasets.find((d) => d.slug === 'work_tasks')!.records).toBe(3);
      expect(JSON.stringify(sh)).not.toContain('1001');
    });
  });
}
