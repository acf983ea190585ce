import { ValidationError, type PageRequest } from '@steward/core';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';

/** Either the store's Kysely instance (readers) or one transaction's (repositories). */
export type Db = Kysely<Database>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Ids are uuid columns; PostgreSQL rejects a malformed uuid with an error, but to a lookup it is
 * simply an id that does not exist (it often comes straight from a URL).
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** bigint and count(*) arrive as strings from pg and as numbers (or BigInt) from PGlite. */
export function toNumber(value: string | number | bigint): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new RangeError(`count ${String(value)} is beyond a safe integer`);
  return n;
}

export const MAX_PAGE = 1000;

/** The page size asked for, checked; one more row than this is fetched to know if there is a next page. */
export function pageLimit(page: PageRequest): number {
  if (!Number.isSafeInteger(page.limit) || page.limit < 1 || page.limit > MAX_PAGE) {
    throw ValidationError.field('limit', `must be a whole number from 1 to ${MAX_PAGE}`);
  }
  return page.limit;
}

/**
 * Keyset cursors: the sort key of the last row returned, as opaque base64url JSON. Clients must
 * not build them; a malformed one is a validation error, not a server error.
 */
export function encodeCursor(key: ReadonlyArray<string | null>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, length: number): Array<string | null> {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((k) => k === null || typeof k === 'string')) {
      return key as Array<string | null>;
    }
  } catch {
    // fall through to the validation error
  }
  throw ValidationError.field('cursor', 'is not a cursor this list gave out');
}

/** A cursor's timestamp part, checked. */
export function cursorDate(value: string | null): Date {
  const d = value === null ? new Date(Number.NaN) : new Date(value);
  if (Number.isNaN(d.getTime())) throw ValidationError.field('cursor', 'is not a cursor this list gave out');
  return d;
}

/** A cursor's id part, checked. */
export function cursorId(value: string | null): string {
  if (value === null || !isUuid(value)) throw ValidationError.field('cursor', 'is not a cursor this list gave out');
  return value;
}

/** Splits `limit + 1` fetched rows into a page and whether another page follows. */
export function splitPage<T>(rows: T[], limit: number): { items: T[]; more: boolean } {
  return rows.length > limit ? { items: rows.slice(0, limit), more: true } : { items: rows, more: false };
}
