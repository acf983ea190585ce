import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/migrations/index.ts';
import { migrate } from '../../src/migrations/run.ts';
import type { ContractContext } from './context.ts';

export function storeContract(ctx: ContractContext): void {
  let store: ContractContext['store'];
  let tx: ContractContext['tx'];
  beforeAll(() => {
    ({ store, tx } = ctx);
  });

  describe('store', () => {
    it('answers ping and reports its kind', async () => {
      await store.ping();
      expect(['pglite', 'postgres']).toContain(store.kind);
    });

    it('transact returns the value of its function', async () => {
      await expect(tx(async () => 42)).resolves.toBe(42);
    });

    it('refuses store.read inside a transaction, with a clear message', async () => {
      await expect(tx(() => store.read.users.byEmail('x@example.org'))).rejects.toThrow(/store\.read was used inside store\.transact/);
    });

    it('refuses a nested transaction, with a clear message', async () => {
      await expect(tx(() => store.transact(async () => 1))).rejects.toThrow(/inside another store\.transact/);
    });

    it('readers carry no write methods', () => {
      expect((store.read.users as unknown as Record<string, unknown>).create).toBeUndefined();
      expect((store.read.log as unknown as Record<string, unknown>).append).toBeUndefined();
    });

    it('migrations are recorded and re-running them changes nothing', async () => {
      await store.migrate();
      const rows = await store.kysely.selectFrom('schema_migrations').select(['version', 'name']).orderBy('version').execute();
      expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    });

    it('refuses a database migrated by a newer Steward', async () => {
      const future = { version: MIGRATIONS.length + 1, name: 'future', statements: ['create table future_thing (id int)'] };
      await migrate(store.kysely, [...MIGRATIONS, future]);
      try {
        await expect(store.migrate()).rejects.toThrow(/newer than this Steward/);
      } finally {
        await sql`drop table future_thing`.execute(store.kysely);
        await store.kysely.deleteFrom('schema_migrations').where('version', '=', future.version).execute();
      }
      await store.migrate();
    });
  });
}
