import { isRole, ROLES, type Role } from '@steward/core';

/** Roles as stored (text), checked and in the canonical order of core's ROLES. */
export function toRoles(values: readonly string[]): Role[] {
  const roles = values.filter(isRole);
  return ROLES.filter((r) => roles.includes(r));
}
