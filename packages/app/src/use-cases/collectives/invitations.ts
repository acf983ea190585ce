import { randomUUID } from 'node:crypto';
import {
  INVITATION_MAX_DAYS,
  InvitationInvalidError,
  isRole,
  NotFoundError,
  ValidationError,
  invitationStatus,
} from '@steward/core';
import { collectiveFor, requireActor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { digestToken, newSecretToken } from '../../security/tokens.ts';
import { collectiveView, invitationView, myCollectiveView } from '../../views.ts';

/** Creates a single-use invitation link; the token is returned once. */
export async function createInvitation(
  deps: Deps,
  input: { actor: Actor | null; slug: string; role: string; expiresInDays: number; note: string },
) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'invitations.create');
  if (!isRole(input.role)) throw ValidationError.field('role', 'must be member, steward, requester or auditor');
  if (!Number.isInteger(input.expiresInDays) || input.expiresInDays < 1 || input.expiresInDays > INVITATION_MAX_DAYS) {
    throw ValidationError.field('expiresInDays', `must be 1–${INVITATION_MAX_DAYS} days`);
  }
  const now = deps.clock.now();
  const token = newSecretToken('sti');
  const invitation = {
    id: randomUUID(),
    collectiveId: collective.id,
    role: input.role,
    tokenHash: digestToken(token),
    createdBy: actor.userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + input.expiresInDays * 86_400_000),
    usedAt: null,
    usedBy: null,
    revokedAt: null,
    note: input.note.trim().slice(0, 200),
  };
  await deps.store.transact(async (tx) => {
    await tx.invitations.create(invitation);
    await appendLog(tx, collective.id, now, [
      { type: 'invitation.created', actorUserId: actor.userId, refs: { invitation: invitation.id, role: invitation.role } },
    ]);
  });
  return { ...invitationView(invitation, now), token, path: `/join/${token}` };
}

/** The collective's invitations, for stewards. */
export async function listInvitations(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'invitations.list');
  const now = deps.clock.now();
  const items = await deps.store.read.invitations.listForCollective(collective.id);
  return { items: items.map((i) => invitationView(i, now)) };
}

/** Revokes an open invitation. */
export async function revokeInvitation(deps: Deps, input: { actor: Actor | null; slug: string; invitationId: string }): Promise<void> {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'invitations.revoke');
  const now = deps.clock.now();
  await deps.store.transact(async (tx) => {
    if (!(await tx.invitations.revoke(input.invitationId, collective.id, now))) throw new NotFoundError('open invitation');
    await appendLog(tx, collective.id, now, [{ type: 'invitation.revoked', actorUserId: actor.userId, refs: { invitation: input.invitationId } }]);
  });
}

/** What an invitation link offers, shown before signing in; invalid links all look the same. */
export async function previewInvitation(deps: Deps, input: { token: string }) {
  const invitation = await deps.store.read.invitations.byTokenHash(digestToken(input.token));
  if (!invitation || invitationStatus(invitation, deps.clock.now()) !== 'open') throw new InvitationInvalidError();
  const collective = await deps.store.read.collectives.byId(invitation.collectiveId);
  if (!collective) throw new InvitationInvalidError();
  return { collective: collectiveView(collective), role: invitation.role, expiresAt: invitation.expiresAt.toISOString() };
}

/** Uses an invitation: the actor gains its role. Each link works once, even under races. */
export async function acceptInvitation(deps: Deps, input: { actor: Actor | null; token: string }) {
  const actor = requireActor(input.actor);
  const now = deps.clock.now();
  return deps.store.transact(async (tx) => {
    const invitation = await tx.invitations.consume(digestToken(input.token), actor.userId, now);
    if (!invitation) throw new InvitationInvalidError();
    const collective = await tx.collectives.byId(invitation.collectiveId);
    if (!collective) throw new InvitationInvalidError();
    const added = await tx.memberships.add({ collectiveId: collective.id, userId: actor.userId, role: invitation.role, joinedAt: now });
    await appendLog(tx, collective.id, now, [
      {
        type: added ? 'role.granted' : 'invitation.used',
        actorUserId: actor.userId,
        subjectUserId: actor.userId,
        refs: { role: invitation.role, invitation: invitation.id },
      },
    ]);
    return myCollectiveView(collective, await tx.memberships.rolesOf(collective.id, actor.userId));
  });
}
