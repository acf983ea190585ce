import type { Role } from './roles.ts';

/** A single-use invitation; the link carries a secret token of which only a digest is kept. */
export interface Invitation {
  id: string;
  collectiveId: string;
  role: Role;
  tokenHash: string;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
  revokedAt: Date | null;
  /** Optional note for the steward's own list (e.g. "for the Tuesday meeting"); never an e-mail. */
  note: string;
}

export const INVITATION_DEFAULT_DAYS = 14;
export const INVITATION_MAX_DAYS = 90;

export type InvitationStatus = 'open' | 'used' | 'expired' | 'revoked';

/** The status of an invitation at time `now`. */
export function invitationStatus(inv: Invitation, now: Date): InvitationStatus {
  if (inv.revokedAt) return 'revoked';
  if (inv.usedAt) return 'used';
  if (inv.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'open';
}
