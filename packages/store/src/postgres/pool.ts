import pg from 'pg';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Throws unless `schema` is a plain lower-case identifier (it is interpolated into DDL). */
export function checkSchemaName(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`Invalid schema name "${schema}": use lower-case letters, digits and _.`);
  return schema;
}

/**
 * A pg pool whose connections all use `schema` (when given) as their search path, so a test
 * run can live in its own schema and drop it afterwards.
 */
export function createPool(databaseUrl: string, schema?: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: databaseUrl,
    max: 10,
    ...(schema ? { options: `-c search_path=${checkSchemaName(schema)}` } : {}),
  });
  // An idle client can lose its server (restart, network); without a listener pg would crash
  // the process. The next query reconnects, so a warning is enough.
  pool.on('error', (err) => {
    console.warn(`PostgreSQL connection error (will reconnect): ${err.message}`);
  });
  return pool;
}
