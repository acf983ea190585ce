/**
 * A transparency-log entry. Entries carry ids, digests and counts only, never raw personal data,
 * e-mail addresses or names (rule T3): `actor` and `subject` are per-collective pseudonyms.
 */
export interface LogEntryBody {
  /** Entry format version. */
  v: 1;
  /** What happened, e.g. `collective.created`, `member.joined`, `records.imported`. */
  type: string;
  /** ISO 8601 UTC time of the change. */
  time: string;
  /** The collective's id. */
  collective: string;
  /** Pseudonym of who did it, or `system`. */
  actor: string;
  /** Pseudonym or id of what it was done to, when there is one. */
  subject?: string;
  /** Non-personal ids of related things (dataset id, invitation id…). */
  refs?: Record<string, string>;
  /** Counts, e.g. records imported. */
  counts?: Record<string, number>;
  /** Hex SHA-256 digests of documents, e.g. a file imported or a schema. */
  digests?: Record<string, string>;
}

export interface StoredLogEntry {
  collectiveId: string;
  index: number;
  /** The canonical JSON bytes that are the Merkle leaf. */
  body: string;
  createdAt: Date;
}

const FORBIDDEN_KEYS = /e-?mail|password|secret|token|phone|address|^name$|display|^lat|^lng|^lon/i;
const EMAIL_LIKE = /[^\s@]+@[^\s@]+\.[^\s@]+/;

/** Throws when an entry's shape could carry personal data (rule T3); a guard at the append. */
export function assertNoPersonalData(entry: LogEntryBody): void {
  const maps: Array<[string, Record<string, unknown> | undefined]> = [
    ['refs', entry.refs],
    ['counts', entry.counts],
    ['digests', entry.digests],
  ];
  for (const [mapName, map] of maps) {
    for (const [k, v] of Object.entries(map ?? {})) {
      if (FORBIDDEN_KEYS.test(k)) throw new TypeError(`log entry ${mapName}.${k}: key suggests personal data (T3)`);
      if (typeof v === 'string' && EMAIL_LIKE.test(v)) throw new TypeError(`log entry ${mapName}.${k}: value looks like an e-mail (T3)`);
    }
  }
  for (const v of [entry.actor, entry.subject]) {
    if (v !== undefined && EMAIL_LIKE.test(v)) throw new TypeError('log entry actor/subject looks like an e-mail (T3)');
  }
}
