import { RateLimitedError } from '@steward/core';

/**
 * Counts failures per key in a sliding window and refuses once `max` is reached, e.g. sign-in
 * failures per e-mail and per client address. In memory: it protects one server process, which
 * is how Steward runs; several processes behind a balancer would each count on their own.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;

  constructor(max: number, windowMs: number) {
    this.max = max;
    this.windowMs = windowMs;
  }

  /** Throws RateLimitedError when `key` has had `max` failures within the window. */
  check(key: string, now: Date): void {
    const recent = this.recent(key, now);
    if (recent.length >= this.max) {
      const oldest = recent[0] ?? now.getTime();
      throw new RateLimitedError(Math.max(1, Math.ceil((oldest + this.windowMs - now.getTime()) / 1000)));
    }
  }

  fail(key: string, now: Date): void {
    const recent = this.recent(key, now);
    recent.push(now.getTime());
    this.failures.set(key, recent);
    if (this.failures.size > 100_000) this.prune(now);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: Date): number[] {
    const since = now.getTime() - this.windowMs;
    return (this.failures.get(key) ?? []).filter((t) => t > since);
  }

  private prune(now: Date): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now).length === 0) this.failures.delete(key);
    }
  }
}
