/** A person with an account. Synthetic demo members have no password and cannot sign in. */
export interface User {
  id: string;
  email: string;
  displayName: string;
  createdAt: Date;
}

/** A user together with the secret needed to check a sign-in; never leaves the app layer. */
export interface UserWithSecret extends User {
  passwordHash: string | null;
}

/** A signed-in browser session; the token itself is never stored, only its digest. */
export interface Session {
  id: string;
  userId: string;
  tokenHash: string;
  createdAt: Date;
  expiresAt: Date;
}

/** A personal API token for the CLI and requesters' programs; stored as a digest. */
export interface ApiToken {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  /** The first characters of the token, to tell tokens apart in a list. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/** Checks a display name and returns it trimmed. */
export function cleanDisplayName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}
