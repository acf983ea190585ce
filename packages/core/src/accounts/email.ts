import { ValidationError } from '../errors.ts';

// Deliberately permissive (RFC 5322 is wider than anyone types); the real check is the
// invitation or the person signing in with it.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Normalises an e-mail address for storage and lookup, or throws naming `field`. */
export function normaliseEmail(raw: string, field = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) {
    throw ValidationError.field(field, 'is not an e-mail address');
  }
  return email;
}
