import type { Role, VetoRight } from '@steward/core';

/** The veto rights among `rights` that the actor holds: by their role in the collective, or named by id. */
export function heldVetoRights(rights: readonly VetoRight[], roles: readonly Role[], userId: string): VetoRight[] {
  return rights.filter((v) => ('role' in v.members ? roles.includes(v.members.role) : v.members.userIds.includes(userId)));
}
