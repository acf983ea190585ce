import type { Role } from './roles.ts';

/** One role held by one user in one collective. */
export interface Membership {
  collectiveId: string;
  userId: string;
  role: Role;
  joinedAt: Date;
}
