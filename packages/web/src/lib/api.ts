import { ApiError, createClient } from '@steward/contract';

const CSRF_COOKIE = 'steward_csrf';

/** The CSRF token the server set in a readable cookie at sign-in; sent back on every write. */
function readCookie(name: string): string | undefined {
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

// Kept from the sign-in answer, for the rare browser that hides the cookie from scripts.
let lastCsrf: string | undefined;

export function rememberCsrf(token: string | undefined): void {
  lastCsrf = token;
}

/** The CSRF token to send with a write made with the session cookie. */
export function csrfToken(): string | undefined {
  return readCookie(CSRF_COOKIE) ?? lastCsrf;
}

/** The one API client of the web app (uploads with progress: see upload.ts). */
export const api = createClient({ baseUrl: '', csrfToken });

export { ApiError };

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** A sentence for any failure, for an Alert. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiError) {
    // Not a problem document (a proxy's error page): say what we can.
    if (e.code === 'http_error') return e.status >= 500 ? 'Steward is not answering right now. Please try again in a moment.' : `The request failed (HTTP ${e.status}).`;
    return e.message;
  }
  if (e instanceof TypeError) return 'Could not reach Steward. Check your connection and try again.';
  return 'Something went wrong. Please try again.';
}
