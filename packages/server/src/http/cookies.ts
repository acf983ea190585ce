import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

export const SESSION_COOKIE = 'steward_session';
export const CSRF_COOKIE = 'steward_csrf';

export interface CookiePolicy {
  /** Send cookies only over HTTPS; on whenever the public URL is https. */
  secure: boolean;
}

/**
 * The session cookie is HttpOnly (scripts cannot steal it) and SameSite=Lax (other sites cannot
 * send it with their forms' POSTs). The CSRF cookie is readable by our own page, which echoes it
 * in a header: a page on another origin cannot read it, so it cannot forge writes.
 */
export function setSessionCookies(c: Context, policy: CookiePolicy, sessionToken: string, csrfToken: string, expires: Date): void {
  setCookie(c, SESSION_COOKIE, sessionToken, { httpOnly: true, sameSite: 'Lax', secure: policy.secure, path: '/', expires });
  setCookie(c, CSRF_COOKIE, csrfToken, { httpOnly: false, sameSite: 'Strict', secure: policy.secure, path: '/', expires });
}

export function clearSessionCookies(c: Context, policy: CookiePolicy): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: policy.secure });
  deleteCookie(c, CSRF_COOKIE, { path: '/', secure: policy.secure });
}

export function sessionTokenOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
