import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { invitation, ms, newCollective, newUser } from '../helpers/fixtures.ts';
import type { ContractContext } from './context.ts';

export function invitationsContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  describe('invitations', () => {
    async function setup() {
      return tx(async (r) => {
        const c = await newCollective(r);
        const steward = await newUser(r);
        const joiner = await newUser(r);
        return { c, steward, joiner };
      });
    }

    it('creates, finds by token, lists newest first', async () => {
      const { c, steward } = await setup();
      const older = invitation(c.id, steward.id, { createdAt: ms(-10_000) });
      const newer = invitation(c.id, steward.id, { role: 'steward' });
      await tx(async (r) => {
        await r.invitations.create(older);
        await r.invitations.create(newer);
      });
      expect(await store.read.invitations.byTokenHash(older.tokenHash)).toEqual(older);
      expect(await store.read.invitations.listForCollective(c.id)).toEqual([newer, older]);
      expect(await store.read.invitations.byTokenHash('nope')).toBeUndefined();
    });

    it('consumes an open invitation once', async () => {
      const { c, steward, joiner } = await setup();
      const inv = invitation(c.id, steward.id);
      await tx((r) => r.invitations.create(inv));
      const now = new Date();
      const used = await tx((r) => r.invitations.consume(inv.tokenHash, joiner.id, now));
      expect(used).toEqual({ ...inv, usedAt: now, usedBy: joiner.id });
      expect(await tx((r) => r.invitations.consume(inv.tokenHash, joiner.id, now))).toBeUndefined();
      expect(await store.read.invitations.byTokenHash(inv.tokenHash)).toEqual(used);
    });

    it('two concurrent consumes of one invitation: exactly one wins', async () => {
      const { c, steward } = await setup();
      const [a, b] = await tx(async (r) => [await newUser(r), await newUser(r)]);
      for (let round = 0; round < 3; round++) {
        const inv = invitation(c.id, steward.id);
        await tx((r) => r.invitations.create(inv));
        const now = new Date();
        const results = await Promise.all(
          [a!, b!].map((u) =>
            tx(async (r) => {
              const got = await r.invitations.consume(inv.tokenHash, u.id, now);
              // Hold the transaction open a moment so the two really overlap.
              await new Promise((res) => setTimeout(res, 20));
              return got;
            }),
          ),
        );
        const winners = results.filter((x) => x !== undefined);
        expect(winners).toHaveLength(1);
        expect((await store.read.invitations.byTokenHash(inv.tokenHash))?.usedBy).toBe(winners[0]!.usedBy);
      }
    });

    it('expired and revoked invitations cannot be consumed', async () => {
      const { c, steward, joiner } = await setup();
      const now = new Date();
      const expired = invitation(c.id, steward.id, { createdAt: ms(-20_000), expiresAt: ms(-1, now.getTime()) });
      const expiresNow = invitation(c.id, steward.id, { expiresAt: now });
      const revoked = invitation(c.id, steward.id);
      await tx(async (r) => {
        for (const i of [expired, expiresNow, revoked]) await r.invitations.create(i);
      });
      expect(await tx((r) => r.invitations.revoke(revoked.id, randomUUID(), now))).toBe(false);
      expect(await tx((r) => r.invitations.revoke(revoked.id, c.id, now))).toBe(true);
      expect(await tx((r) => r.invitations.revoke(revoked.id, c.id, now))).toBe(false);
      for (const i of [expired, expiresNow, revoked]) {
        expect(await tx((r) => r.invitations.consume(i.tokenHash, joiner.id, now))).toBeUndefined();
      }
      expect((await store.read.invitations.byTokenHash(revoked.tokenHash))?.revokedAt).toEqual(now);
      expect(await tx((r) => r.invitations.consume('unknown', joiner.id, now))).toBeUndefined();
    });

    it('a used invitation cannot be revoked', async () => {
      const { c, steward, joiner } = await setup();
      const inv = invitation(c.id, steward.id);
      await tx((r) => r.invitations.create(inv));
      await tx((r) => r.invitations.consume(inv.tokenHash, joiner.id, new Date()));
      expect(await tx((r) => r.invitations.revoke(inv.id, c.id, new Date()))).toBe(false);
    });
  });
}
