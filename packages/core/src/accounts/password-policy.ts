import { ValidationError } from '../errors.ts';

// NIST SP 800-63B: length over composition rules; long passphrases allowed.
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 256;

/** Throws a ValidationError naming `field` when a new password is too weak or too long. */
export function checkNewPassword(password: string, field = 'password'): void {
  if (password.length < PASSWORD_MIN_LENGTH) {
    throw ValidationError.field(field, `must be at least ${PASSWORD_MIN_LENGTH} characters`);
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    throw ValidationError.field(field, `must be at most ${PASSWORD_MAX_LENGTH} characters`);
  }
}
