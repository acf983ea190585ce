/**
 * A numbered schema change. Each runs in its own transaction, statement by statement (PGlite's
 * extended protocol takes one statement per query), and is recorded in `schema_migrations`.
 * Never edit a migration that has shipped: add the next number instead.
 */
export interface Migration {
  version: number;
  name: string;
  statements: readonly string[];
}
