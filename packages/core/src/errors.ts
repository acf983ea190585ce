/**
 * Typed domain errors. Each carries a stable machine `code`; the HTTP edge maps them to status
 * codes in one place (packages/server/src/http/problem.ts) and the CLI prints their message.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** One problem with one input field, named by its path (e.g. `schema.fields.2.unit`). */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Input that breaks a rule; names every offending field. */
export class ValidationError extends DomainError {
  readonly code = 'validation_failed';
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('; '));
    this.issues = issues;
  }
  static field(field: string, message: string): ValidationError {
    return new ValidationError([{ field, message }]);
  }
}

/** No valid credentials were presented. */
export class UnauthenticatedError extends DomainError {
  readonly code = 'unauthenticated';
  constructor(message = 'Sign in to do this.') {
    super(message);
  }
}

/** Credentials were valid but the actor may not do this. */
export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  constructor(message = 'You are not allowed to do this.') {
    super(message);
  }
}

/** Sign-in with a wrong e-mail or password; deliberately does not say which. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'invalid_credentials';
  constructor() {
    super('The e-mail address or password is not right.');
  }
}

/** The thing asked for does not exist (or the actor may not know it exists). */
export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  readonly resource: string;
  constructor(resource: string, message?: string) {
    super(message ?? `No such ${resource}.`);
    this.resource = resource;
  }
}

/** The request clashes with the current state (duplicate slug, last steward leaving…). */
export class ConflictError extends DomainError {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Too many attempts; try again after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = 'rate_limited';
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** An invitation link that is unknown, used or expired: one message for all, to leak nothing. */
export class InvitationInvalidError extends DomainError {
  readonly code = 'invitation_invalid';
  constructor() {
    super('This invitation link is not valid: it may have been used already or have expired.');
  }
}
