import {
  ConflictError,
  DomainError,
  ForbiddenError,
  InvalidCredentialsError,
  InvitationInvalidError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
  ValidationError,
} from '@steward/core';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: Array<{ field: string; message: string }>;
}

export interface Problem {
  status: number;
  body: ProblemBody;
  headers?: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthenticated',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  413: 'Too large',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal error',
};

/** Builds an RFC 9457 problem with a stable code. */
export function problem(status: number, code: string, detail?: string, errors?: ProblemBody['errors']): Problem {
  return {
    status,
    body: {
      type: `https://steward.example/problems/${code}`,
      title: TITLES[status] ?? 'Error',
      status,
      code,
      ...(detail ? { detail } : {}),
      ...(errors ? { errors } : {}),
    },
  };
}

/** The one place that maps domain errors to HTTP (DESIGN.md example 4). Unknown errors reveal nothing. */
export function toProblem(error: unknown): Problem {
  if (error instanceof ValidationError) return problem(422, error.code, error.message, error.issues);
  if (error instanceof UnauthenticatedError) return problem(401, error.code, error.message);
  if (error instanceof InvalidCredentialsError) return problem(401, error.code, error.message);
  if (error instanceof ForbiddenError) return problem(403, error.code, error.message);
  if (error instanceof NotFoundError) return problem(404, error.code, error.message);
  if (error instanceof InvitationInvalidError) return problem(410, error.code, error.message);
  if (error instanceof ConflictError) return problem(409, error.code, error.message);
  if (error instanceof RateLimitedError) {
    return { ...problem(429, error.code, error.message), headers: { 'retry-after': String(error.retryAfterSeconds) } };
  }
  if (error instanceof DomainError) return problem(400, error.code, error.message);
  return problem(500, 'internal_error', 'Something went wrong on our side. It has been logged.');
}
