import { randomUUID } from 'node:crypto';
import { ValidationError } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { proposalIn } from './support.ts';

const MAX_COMMENT = 5000;

/**
 * Adds a comment to a proposal's discussion: plain text, shown as text (never as HTML). Comments
 * change nobody's data or rights, so they are not logged; and their text must never be (T3).
 */
export async function commentOnProposal(deps: Deps, input: { actor: Actor | null; slug: string; proposalId: string; body: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'proposals.comment');
  const p = await proposalIn(deps.store.read, collective, input.proposalId);
  const body = input.body.trim();
  if (body === '' || body.length > MAX_COMMENT) throw ValidationError.field('body', `must be 1–${MAX_COMMENT} characters`);
  const comment = { id: randomUUID(), proposalId: p.id, authorId: actor.userId, body, createdAt: deps.clock.now() };
  await deps.store.transact((tx) => tx.governance.addComment(comment));
  return { id: comment.id, body, createdAt: comment.createdAt.toISOString() };
}
