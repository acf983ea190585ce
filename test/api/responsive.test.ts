import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../helpers/stack.ts';

describe('the server stays responsive during a long query on the embedded store', () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack('pglite');
  });
  afterAll(() => stack?.close());

  it('/healthz answers promptly while a multi-second query runs', async () => {
    const started = performance.now();
    const long = sql`select pg_sleep(3)`.execute(stack.store.kysely).then(() => performance.now() - started);
    const latencies: number[] = [];
    let done = false;
    void long.then(() => (done = true));
    while (!done) {
      const t = performance.now();
      const res = await fetch(`${stack.url}/healthz`);
      expect(res.status).toBe(200);
      latencies.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 100));
    }
    const queryMs = await long;
    expect(queryMs).toBeGreaterThanOrEqual(2900); // the query really was long…
    expect(latencies.length).toBeGreaterThanOrEqual(5); // …health was asked many times during it…
    // …and answered each time well before the query ended (relative, not a stopwatch: a blocked
    // server would answer only after the whole query).
    expect(Math.max(...latencies)).toBeLessThan(queryMs / 3);
  });
});
