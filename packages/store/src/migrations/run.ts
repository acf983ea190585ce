import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { MIGRATIONS } from './index.ts';
import type { Migration } from './migration.ts';

// Any constant will do; it keeps two Steward processes starting against one PostgreSQL
// database from migrating at the same time.
const MIGRATION_LOCK_KEY = 7_405_113_001;

/**
 * Brings the schema up to date: each pending migration in its own transaction, under an
 * advisory lock, re-checking what is applied once the lock is held. Refuses a database that a
 * newer Steward has already migrated further.
 */
export async function migrate(db: Kysely<Database>, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  checkOrder(migrations);
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
    await sql`create table if not exists schema_migrations (
      version integer primary key,
      name text not null,
      applied_at timestamptz(3) not null default now()
    )`.execute(trx);
  });
  const known = migrations.at(-1)?.version ?? 0;
  const applied: number[] = [];
  for (const m of migrations) {
    const ran = await db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${MIGRATION_LOCK_KEY})`.execute(trx);
      const newest = await trx.selectFrom('schema_migrations').select((eb) => eb.fn.max('version').as('v')).executeTakeFirst();
      if (newest?.v != null && newest.v > known) {
        throw new Error(`The database schema is at version ${newest.v}, newer than this Steward knows (${known}). Upgrade Steward.`);
      }
      const done = await trx.selectFrom('schema_migrations').select('version').where('version', '=', m.version).executeTakeFirst();
      if (done) return false;
      for (const statement of m.statements) await sql.raw(statement).execute(trx);
      await trx.insertInto('schema_migrations').values({ version: m.version, name: m.name }).execute();
      return true;
    });
    if (ran) applied.push(m.version);
  }
  return applied;
}

function checkOrder(migrations: readonly Migration[]): void {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}; expected ${i + 1} (numbered without gaps).`);
  });
}
