import type { ContributionBounds } from './query.ts';

/** A row as contribution bounding sees it: whose it is and which group it falls in. */
export interface ContributedRow {
  member: string;
  /** The group key (e.g. the group-by values joined); one constant key without group-by. */
  partition: string;
}

/**
 * The reference semantics of member-level contribution bounding (rule P1), which the engine's SQL
 * must match: each member keeps at most `maxPartitionsPerMember` groups and at most
 * `maxRowsPerMember` rows in each. Here, the first ones in input order. Which rows survive may
 * depend on the member's own rows in any way, never on other members' rows — that is what makes
 * the sensitivities in measurements.ts hold.
 */
export function boundContributions<R extends ContributedRow>(rows: readonly R[], bounds: ContributionBounds): R[] {
  const groups = new Map<string, Map<string, number>>();
  const kept: R[] = [];
  for (const row of rows) {
    let mine = groups.get(row.member);
    if (!mine) groups.set(row.member, (mine = new Map()));
    const used = mine.get(row.partition);
    if (used === undefined) {
      if (mine.size >= bounds.maxPartitionsPerMember) continue;
      mine.set(row.partition, 1);
      kept.push(row);
    } else if (used < bounds.maxRowsPerMember) {
      mine.set(row.partition, used + 1);
      kept.push(row);
    }
  }
  return kept;
}
