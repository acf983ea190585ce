import type { ApiError } from '@steward/contract';
import type { LogEntryBody } from '@steward/core';
import { signedUp, type BrowserClient, type Stack } from '../helpers/stack.ts';

export type Person = BrowserClient & { email: string; userId: string };

/** A collective of `kind` with its steward (also a member) and `n` more members, all signed in. */
export async function collectiveWith(stack: Stack, slug: string, kind: 'cooperative' | 'union' | 'trust' | 'community', n: number) {
  const steward = await signedUp(stack, `${slug}-steward`);
  const created = await steward.client.call('createCollective', { body: { slug, name: `Collective ${slug}`, kind } });
  const members: Person[] = [];
  for (let i = 0; i < n; i++) {
    const inv = await steward.client.call('createInvitation', { params: { slug }, body: {} });
    const m = await signedUp(stack, `${slug}-m${i}`);
    await m.client.call('acceptInvitation', { params: { token: inv.token } });
    members.push(m);
  }
  return { slug, id: created.id, steward, members };
}

/** The API error a failing call throws, for `expect([e.status, e.code])`. */
export const failure = (p: Promise<unknown>): Promise<ApiError> =>
  p.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => e as ApiError,
  );

/** Every log entry of the collective, parsed. */
export async function logOf(stack: Stack, collectiveId: string): Promise<Array<LogEntryBody & { index: number }>> {
  const out: Array<LogEntryBody & { index: number }> = [];
  for (let from = 0; ; ) {
    const page = await stack.store.read.log.list(collectiveId, from, 1000);
    out.push(...page.map((e) => ({ ...(JSON.parse(e.body) as LogEntryBody), index: e.index })));
    if (page.length < 1000) return out;
    from = page.at(-1)!.index + 1;
  }
}

export const yes = { method: 'majority', vote: 'yes' } as const;
export const no = { method: 'majority', vote: 'no' } as const;
export const smYes = { method: 'supermajority', vote: 'yes' } as const;
export const smNo = { method: 'supermajority', vote: 'no' } as const;
