import type { LogKeyStore, Store } from '@steward/core';
import type { PasswordCost } from './security/passwords.ts';
import type { FailureLimiter } from './security/rate-limit.ts';

/** Who is acting: a signed-in user (by session or API token), or nobody. */
export interface Actor {
  userId: string;
  via: 'session' | 'token';
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Settings the app needs, read once at the edge (CLI flags and environment). */
export interface AppConfig {
  passwordCost: PasswordCost;
  sessionTtlHours: number;
  /** Whether anyone may sign up without an invitation. */
  openSignUp: boolean;
  /** Host name that starts each collective's log origin (`HOST/collectives/SLUG`). */
  logOriginHost: string;
}

export interface Deps {
  store: Store;
  /** Signing keys of the collectives' transparency logs, kept outside the database. */
  keys: LogKeyStore;
  config: AppConfig;
  clock: Clock;
  limits: {
    signInPerEmail: FailureLimiter;
    signInPerClient: FailureLimiter;
  };
}
