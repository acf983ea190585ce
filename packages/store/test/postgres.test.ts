import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { openStore } from '../src/index.ts';
import { describeStoreContract } from './contract/index.ts';

// Set STEWARD_TEST_DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5433/postgres) to run the
// contract against PostgreSQL; without it the suite is reported as skipped, never as passed.
const databaseUrl = process.env.STEWARD_TEST_DATABASE_URL;

describeStoreContract(
  'PostgreSQL',
  async () => {
    const schema = `steward_test_${randomBytes(6).toString('hex')}`;
    const store = await openStore({ databaseUrl: databaseUrl!, schema });
    return {
      store,
      async dispose() {
        try {
          await sql`drop schema ${sql.id(schema)} cascade`.execute(store.kysely);
        } finally {
          await store.close();
        }
      },
    };
  },
  { skip: !databaseUrl },
);
