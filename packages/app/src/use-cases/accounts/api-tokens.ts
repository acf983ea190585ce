import { randomUUID } from 'node:crypto';
import { ForbiddenError, NotFoundError, ValidationError } from '@steward/core';
import { requireActor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { digestToken, newSecretToken } from '../../security/tokens.ts';
import { tokenView } from '../../views.ts';

/** The actor's API tokens, newest first, without their secrets. */
export async function listApiTokens(deps: Deps, input: { actor: Actor | null }) {
  const actor = requireActor(input.actor);
  const tokens = await deps.store.read.apiTokens.listForUser(actor.userId);
  return { items: tokens.map(tokenView) };
}

/** Creates a personal API token; its secret is returned once and stored only as a digest. */
export async function createApiToken(deps: Deps, input: { actor: Actor | null; name: string; expiresInDays?: number }) {
  const actor = requireActor(input.actor);
  // A stolen token must not be able to mint more tokens that outlive its revocation.
  if (actor.via !== 'session') throw new ForbiddenError('Create API tokens from a signed-in session, not with another token.');
  const name = input.name.trim();
  if (name.length < 1 || name.length > 80) throw ValidationError.field('name', 'must be 1–80 characters');
  const now = deps.clock.now();
  const token = newSecretToken('stw');
  const row = {
    id: randomUUID(),
    userId: actor.userId,
    name,
    tokenHash: digestToken(token),
    prefix: token.slice(0, 10),
    createdAt: now,
    expiresAt: input.expiresInDays ? new Date(now.getTime() + input.expiresInDays * 86_400_000) : null,
  };
  await deps.store.transact((tx) => tx.apiTokens.create(row));
  return { ...tokenView({ ...row, lastUsedAt: null, revokedAt: null }), token };
}

/** Revokes one of the actor's own tokens. */
export async function revokeApiToken(deps: Deps, input: { actor: Actor | null; tokenId: string }): Promise<void> {
  const actor = requireActor(input.actor);
  const done = await deps.store.transact((tx) => tx.apiTokens.revoke(input.tokenId, actor.userId, deps.clock.now()));
  if (!done) throw new NotFoundError('token');
}
