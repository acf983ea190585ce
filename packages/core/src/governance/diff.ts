import type { Charter } from './types.ts';

/**
 * The changes an amendment makes to a charter, for members to read before they vote. Paths are
 * JSON Pointers (RFC 6901: `/rules/2/target/purposes`). Lists of plain values (purposes,
 * recipients, datasets, user ids) change as a whole, which reads better than element by element;
 * lists of objects (rules, floors, vetoes) change per position. The order is the document's order,
 * then keys only the new charter has, so the same two charters always give the same list.
 */

export interface CharterChange {
  path: string;
  /** Absent when the amendment adds this. */
  before?: unknown;
  /** Absent when the amendment removes this. */
  after?: unknown;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isLeafList = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x !== 'object' || x === null);
const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => same(a[k], b[k]));
  }
  return false;
}

function change(path: string, before: unknown, after: unknown): CharterChange {
  const c: CharterChange = { path };
  if (before !== undefined) c.before = before;
  if (after !== undefined) c.after = after;
  return c;
}

function walk(a: unknown, b: unknown, path: string, out: CharterChange[]): void {
  if (same(a, b)) return;
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !(k in a))];
    for (const k of keys) walk(a[k], b[k], `${path}/${escape(k)}`, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && !(isLeafList(a) && isLeafList(b))) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}/${i}`, out);
    return;
  }
  out.push(change(path, a, b));
}

/** What changes from charter `a` to charter `b`, in a deterministic order. */
export function charterDiff(a: Charter, b: Charter): CharterChange[] {
  const out: CharterChange[] = [];
  walk(a, b, '', out);
  return out;
}
