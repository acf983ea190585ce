import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, sql } from 'kysely';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../src/index.ts';
import { EmbeddedDatabaseError, PgliteWorkerClient } from '../src/pglite/client.ts';
import { PgliteWorkerDialect } from '../src/pglite/dialect.ts';
import { preparedDataDir, removeTemplate } from './helpers/template.ts';

let dir: string;
beforeEach(async () => {
  dir = await preparedDataDir('steward-worker-');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});
afterAll(removeTemplate);

describe('PGlite worker', () => {
  it('returns PostgreSQL errors with their SQLSTATE code, constraint and message; carries Date, BigInt, Uint8Array and JSON both ways', async () => {
    const client = await PgliteWorkerClient.start(join(dir, 'pgdata'));
    try {
      await client.query('create table t (k text constraint t_k_key unique)', []);
      await client.query('insert into t values ($1)', ['a']);
      const err = await client.query('insert into t values ($1)', ['a']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(EmbeddedDatabaseError);
      expect(err).toMatchObject({ code: '23505', constraint: 't_k_key', message: expect.stringContaining('duplicate key') });
      // The stack points at the caller on this thread, not into the worker.
      expect((err as Error).stack).toContain('worker-lifecycle.test.ts');
      const syntax = await client.query('selec 1', []).catch((e: unknown) => e);
      expect(syntax).toMatchObject({ code: '42601' });

      const at = new Date('2024-03-01T08:30:00.123Z');
      const { rows } = await client.query('select $1::timestamptz as at, $2::int8 as big, $3::bytea as bytes, $4::jsonb as doc', [
        at,
        9007199254740993n,
        new Uint8Array([1, 2, 255]),
        JSON.stringify({ a: [1, 'x'] }),
      ]);
      expect(rows[0]).toEqual({ at, big: 9007199254740993n, bytes: new Uint8Array([1, 2, 255]), doc: { a: [1, 'x'] } });
      // A parameter that cannot cross to the worker fails that query only.
      await expect(client.query('select $1::text', [() => 1])).rejects.toThrow();
      await expect(client.query('select 1 as one', [])).resolves.toMatchObject({ rows: [{ one: 1 }] });
    } finally {
      await client.close();
    }
  });

  it('a crashed worker rejects the queries waiting on it, and every later one, with a clear error', async () => {
    const client = await PgliteWorkerClient.start(join(dir, 'pgdata'));
    const pending = client.query('select pg_sleep(5)', []);
    await new Promise((r) => setTimeout(r, 100));
    await client.killForTest();
    await expect(pending).rejects.toThrow(/embedded database stopped: its worker exited unexpectedly/);
    await expect(client.query('select 1', [])).rejects.toThrow(/embedded database stopped/);
    await client.close();
  });

  it('a crash inside a transaction fails the transaction and frees the connection', async () => {
    const client = await PgliteWorkerClient.start(join(dir, 'pgdata'));
    const db = new Kysely<unknown>({ dialect: new PgliteWorkerDialect(client) });
    const tx = db.transaction().execute(async (trx) => {
      await sql`select 1`.execute(trx);
      await client.killForTest();
      await sql`select 2`.execute(trx);
    });
    await expect(tx).rejects.toThrow(/embedded database stopped/);
    // Not stuck behind the dead transaction: fails at once.
    await expect(sql`select 3`.execute(db)).rejects.toThrow(/embedded database stopped/);
    await db.destroy();
  });

  it('serialises transactions on the single connection (FIFO): no statement runs inside another\'s transaction', async () => {
    const client = await PgliteWorkerClient.start(join(dir, 'pgdata'));
    const db = new Kysely<unknown>({ dialect: new PgliteWorkerDialect(client) });
    try {
      await sql`create table c (n int)`.execute(db);
      await sql`insert into c values (0)`.execute(db);
      const order: number[] = [];
      await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          db.transaction().execute(async (trx) => {
            order.push(i);
            const { rows } = await sql<{ n: number }>`select n from c`.execute(trx);
            await new Promise((r) => setTimeout(r, 5));
            await sql`update c set n = ${rows[0]!.n + 1}`.execute(trx);
            if (i === 2) throw new Error('roll me back');
          }).catch(() => undefined),
        ),
      );
      expect(order).toEqual([0, 1, 2, 3, 4]);
      // Read-modify-write without row locks is only correct if transactions never interleave.
      const { rows } = await sql<{ n: number }>`select n from c`.execute(db);
      expect(rows[0]!.n).toBe(4);
    } finally {
      await db.destroy();
    }
  });

  it('close waits for a running transaction, then refuses new work and releases the folder', async () => {
    const store = await openStore({ dataDir: dir });
    let committed = false;
    const running = store.transact(async (tx) => {
      await new Promise((r) => setTimeout(r, 200));
      await tx.log.size('00000000-0000-0000-0000-000000000000');
      committed = true;
      return 'done';
    });
    await new Promise((r) => setTimeout(r, 20));
    await store.close();
    expect(committed).toBe(true);
    await expect(running).resolves.toBe('done');
    await expect(store.ping()).rejects.toThrow('The store is closed.');
    await expect(store.read.users.byEmail('a@b.org')).rejects.toThrow('The store is closed.');
    await store.close();
    const again = await openStore({ dataDir: dir });
    await again.close();
  });
});
