import { ForbiddenError } from '../errors.ts';

/**
 * Roles a user can hold in a collective; a user may hold several (a steward is usually also a
 * member). Requesters are outside organisations' users; auditors verify, and see only what
 * anyone may see plus the collective's public records.
 */
export const ROLES = ['member', 'steward', 'requester', 'auditor'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Every action on a collective that needs a role. Add new actions here, never ad hoc checks. */
export const PERMISSIONS = {
  'collective.view': ['member', 'steward', 'requester', 'auditor'],
  'collective.update': ['steward'],
  'members.list': ['steward'],
  'members.count': ['member', 'steward', 'auditor'],
  'invitations.create': ['steward'],
  'invitations.list': ['steward'],
  'invitations.revoke': ['steward'],
  'datasets.view': ['member', 'steward', 'requester', 'auditor'],
  'datasets.create': ['steward'],
  'records.own.view': ['member'],
  'records.own.import': ['member'],
  'home.member': ['member'],
  'consent.own.manage': ['member'],
  'consent.coverage.view': ['steward', 'auditor'],
  'home.steward': ['steward'],
  'governance.view': ['member', 'steward', 'auditor'],
  'charter.view': ['member', 'steward', 'requester', 'auditor'],
  'charter.evaluate': ['steward', 'requester'],
  'proposals.create': ['member', 'steward'],
  'proposals.comment': ['member', 'steward'],
  'proposals.vote': ['member'],
  // Who may veto is named by the charter (a role or listed members); the use-case checks the
  // charter's veto rights on top of this.
  'proposals.veto': ['member', 'steward', 'auditor'],
  'proposals.close': ['steward'],
  'delegation.manage': ['member'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** True when any of `roles` may perform `action`. */
export function can(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action];
  return roles.some((r) => allowed.includes(r));
}

/** Throws ForbiddenError unless one of `roles` may perform `action`. */
export function authorize(roles: readonly Role[], action: Action): void {
  if (!can(roles, action)) {
    throw new ForbiddenError(
      roles.length === 0 ? 'You are not part of this collective.' : `Your role does not allow ${action}.`,
    );
  }
}
