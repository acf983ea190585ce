import type { Actor, App } from '@steward/app';
import type { Context, MiddlewareHandler } from 'hono';
import { problem, type Problem } from './problem.ts';
import { sessionTokenOf } from './cookies.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface AuthState {
  actor: Actor | null;
  /** The session secret when the request came with the session cookie (for sign-out). */
  sessionToken?: string;
}

function send(c: Context, p: Problem) {
  return c.json(p.body, p.status as 401, { 'content-type': 'application/problem+json', ...p.headers });
}

/**
 * Authenticates every API request: a Bearer API token, or the session cookie plus, for writes,
 * the CSRF header. Runs before input is parsed, so an anonymous caller learns nothing about a
 * route's inputs (authenticate → parse → authorise).
 */
export function authenticate(app: App, required: boolean): MiddlewareHandler<{ Variables: { auth: AuthState } }> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    let state: AuthState = { actor: null };
    if (header !== undefined) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      const actor = m?.[1] ? await app.authenticateApiToken(m[1]) : null;
      if (!actor) return send(c, problem(401, 'invalid_token', 'The API token is not valid: it may have been revoked or have expired.'));
      state = { actor };
    } else {
      const sessionToken = sessionTokenOf(c);
      const actor = sessionToken ? await app.authenticateSession(sessionToken) : null;
      if (actor && sessionToken) {
        if (UNSAFE.has(c.req.method) && !app.csrfMatches(sessionToken, c.req.header('x-csrf-token'))) {
          return send(c, problem(403, 'csrf_failed', 'This request lacks the CSRF token of your session. Reload the page and try again.'));
        }
        state = { actor, sessionToken };
      }
    }
    if (required && !state.actor) return send(c, problem(401, 'unauthenticated', 'Sign in, or send a personal API token as a Bearer token.'));
    c.set('auth', state);
    await next();
  };
}

/** Bodies must be JSON: a cross-site HTML form cannot send it without a CORS preflight we never grant. */
export function requireJson(): MiddlewareHandler {
  return async (c, next) => {
    const type = c.req.header('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) {
      return send(c, problem(415, 'unsupported_media_type', 'Send the body as JSON with Content-Type: application/json.'));
    }
    await next();
  };
}
