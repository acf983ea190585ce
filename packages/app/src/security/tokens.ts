import { createHash, randomBytes } from 'node:crypto';

/** A new secret token: 32 random bytes, base64url, with a readable prefix saying what it is. */
export function newSecretToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString('base64url')}`;
}

/** Tokens are stored only as their SHA-256 digest, so a database leak gives no usable token. */
export function digestToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The CSRF token of a session: derived from the session secret, which scripts cannot read. */
export function csrfTokenFor(sessionToken: string): string {
  return createHash('sha256').update(`csrf:${sessionToken}`).digest('base64url');
}
