import { fieldsCovered, requesterOf, scopeCovers } from './scope.ts';
import type { ConsentDecision, ConsentReason, ConsentRecord, DataUse, GateResult, PurposeId, Recipient } from './types.ts';

/**
 * THE consent gate (rules C1–C3), pure: given consent records and a use of data, which members'
 * records the use may include. Every path that reads many members' records goes through it.
 */

/** Whether a record counts for a use starting at `atMs`: decisions recorded after the start do not (C2). */
function inForce(record: ConsentRecord, atMs: number): boolean {
  // `<=` on numbers is false for NaN, so a bad date never lets a record count.
  return record.recordedAt.getTime() <= atMs;
}

/** The decision a covering record makes for a use (fail closed on any odd date). */
function verdict(record: ConsentRecord, use: { datasetId: string; fields?: readonly string[] | undefined }, atMs: number): ConsentReason {
  if (record.status === 'withdrawn') return 'withdrawn';
  if (record.status === 'refused') return 'refused';
  if (record.status !== 'given') return 'no_consent';
  // Not `expiresAt <= at`: an invalid expiry (NaN) must count as expired, not as forever.
  if (record.expiresAt !== null && !(record.expiresAt.getTime() > atMs)) return 'expired';
  if (!fieldsCovered(record.scope, use.datasetId, use.fields)) return 'fields_not_covered';
  return 'consent_given';
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * For each member, the newest record (highest seq) recorded at or before `use.at` whose scope
 * covers the use's dataset, purpose and recipient decides; no such record means no use (opt-in,
 * C1). The gate is given the whole history and picks (C3). Records of members not asked about
 * are ignored. One pass over the records, so 50 000 members × a few records each is cheap.
 */
export function decideConsent(records: readonly ConsentRecord[], memberIds: readonly string[], use: DataUse): GateResult {
  const atMs = use.at.getTime();
  const best = new Map<string, ConsentRecord | null>();
  for (const id of memberIds) best.set(id, null);
  for (const r of records) {
    if (!best.has(r.memberId) || !inForce(r, atMs) || !scopeCovers(r.scope, use)) continue;
    const current = best.get(r.memberId);
    if (!current || r.seq > current.seq) best.set(r.memberId, r);
  }
  const decisions: ConsentDecision[] = [];
  const allowed: string[] = [];
  for (const memberId of [...best.keys()].sort(byString)) {
    const record = best.get(memberId)!;
    const reason = record ? verdict(record, use, atMs) : 'no_consent';
    const ok = reason === 'consent_given';
    if (ok) allowed.push(memberId);
    decisions.push({ memberId, allowed: ok, reason, recordId: record ? record.id : null });
  }
  return { allowed, decisions };
}

/** One cell stewards ask coverage for; `recipient` may be a category or a named requester. */
export interface CoverageCell {
  datasetId: string;
  purpose: PurposeId;
  recipient: Recipient;
  /** Fields the use would read; absent means every field. */
  fields?: string[];
}

export interface CoverageCount extends CoverageCell {
  /** How many of the members asked about the gate would allow. Counts only, never who. */
  allowed: number;
}

/**
 * How many members the gate would allow for each cell at time `at`: what a steward may see
 * (coverage, never identities; rule S1). Gives the same answers as decideConsent per cell
 * (a test checks this), computed by grouping records by member once and letting each member's
 * records, newest first, claim the cells they cover — so the cost is the size of the scopes, not
 * cells × members × records.
 */
export function consentCoverage(records: readonly ConsentRecord[], memberIds: readonly string[], cells: readonly CoverageCell[], at: Date): CoverageCount[] {
  const atMs = at.getTime();
  const counts = new Array<number>(cells.length).fill(0);
  const index = new CellIndex(cells);

  const byMember = new Map<string, ConsentRecord[]>();
  for (const id of memberIds) byMember.set(id, []);
  for (const r of records) {
    if (inForce(r, atMs)) byMember.get(r.memberId)?.push(r);
  }

  // claimedBy[g] === stamp: group g is already decided for the current member.
  const claimedBy = new Uint32Array(index.groups.length);
  let stamp = 0;
  for (const history of byMember.values()) {
    if (history.length === 0) continue;
    stamp++;
    history.sort((a, b) => b.seq - a.seq);
    for (const record of history) {
      for (const d of record.scope.datasets) {
        const byPurpose = index.tree.get(d.datasetId);
        if (!byPurpose) continue;
        for (const purpose of record.scope.purposes) {
          const byRecipient = byPurpose.get(purpose);
          if (!byRecipient) continue;
          for (const r of record.scope.recipients) {
            for (const key of index.keysCoveredBy(r)) {
              const g = byRecipient.get(key);
              if (g === undefined || claimedBy[g] === stamp) continue;
              claimedBy[g] = stamp;
              for (const i of index.groups[g]!) {
                if (verdict(record, cells[i]!, atMs) === 'consent_given') counts[i]!++;
              }
            }
          }
        }
      }
    }
  }
  return cells.map((cell, i) => ({ ...cell, allowed: counts[i]! }));
}

/**
 * Cells grouped by dataset → purpose → recipient key, so a record's scope is walked with Map
 * lookups and no string building. Keys: `c:<category>` for a category, `r:<category>:<id>` for a
 * named requester, which a category-only record of its category also covers (as recipientCovers).
 */
class CellIndex {
  readonly tree = new Map<string, Map<string, Map<string, number>>>();
  /** Cell indices per group (cells asked twice, or with different fields, share a group). */
  readonly groups: number[][] = [];
  private readonly namedByCategory = new Map<string, string[]>();
  private readonly namedByRequester = new Map<string, string[]>();
  private readonly categoryKeys = new Map<string, string[]>();

  constructor(cells: readonly CoverageCell[]) {
    cells.forEach((cell, i) => {
      const requester = requesterOf(cell.recipient);
      const key = requester === undefined ? `c:${cell.recipient.category}` : `r:${cell.recipient.category}:${requester}`;
      if (requester !== undefined) {
        push(this.namedByCategory, cell.recipient.category, key);
        push(this.namedByRequester, requester, key);
      }
      let byPurpose = this.tree.get(cell.datasetId);
      if (!byPurpose) this.tree.set(cell.datasetId, (byPurpose = new Map()));
      let byRecipient = byPurpose.get(cell.purpose);
      if (!byRecipient) byPurpose.set(cell.purpose, (byRecipient = new Map()));
      let g = byRecipient.get(key);
      if (g === undefined) {
        g = this.groups.push([]) - 1;
        byRecipient.set(key, g);
      }
      this.groups[g]!.push(i);
    });
  }

  /** The keys of the cells a record's recipient entry covers (memoised: few distinct entries). */
  keysCoveredBy(r: Recipient): readonly string[] {
    const requester = requesterOf(r);
    if (requester !== undefined) return this.namedByRequester.get(requester) ?? [];
    let keys = this.categoryKeys.get(r.category);
    if (!keys) this.categoryKeys.set(r.category, (keys = [`c:${r.category}`, ...(this.namedByCategory.get(r.category) ?? [])]));
    return keys;
  }
}

function push(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
