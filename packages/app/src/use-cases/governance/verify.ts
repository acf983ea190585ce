import {
  electorateDigest,
  isLogEntryBody,
  proposalTrails,
  recountProposal,
  resultDigest,
  TALLY_ENTRY_TYPES,
  type LogEntryBody,
  type Proposal,
} from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { scopedPseudonym } from '../../log/append.ts';

/**
 * Rule G3 checked end to end: every decided proposal's tally is recomputed FROM THE LOG ALONE
 * (its opening, ballots, vetoes, counted delegations) and compared with the result the log
 * recorded at the decision and with the result stored in the database; the electorate stored
 * is checked against the digest logged at the opening. Whether the log itself is intact (its
 * Merkle tree and signed checkpoints) is what `steward log verify` checks.
 */

const DECIDED = ['passed', 'rejected', 'vetoed', 'expired'] as const;
const PAGE = 1000;

async function governanceEntries(deps: Deps, collectiveId: string): Promise<LogEntryBody[]> {
  const found: Array<{ index: number; body: LogEntryBody }> = [];
  for (const type of TALLY_ENTRY_TYPES) {
    let from = 0;
    for (;;) {
      const page = await deps.store.read.log.list(collectiveId, from, PAGE, type);
      for (const e of page) {
        const body: unknown = JSON.parse(e.body);
        if (isLogEntryBody(body)) found.push({ index: e.index, body });
      }
      if (page.length < PAGE) break;
      from = page.at(-1)!.index + 1;
    }
  }
  return found.sort((a, b) => a.index - b.index).map((e) => e.body);
}

async function decidedProposals(deps: Deps, collectiveId: string): Promise<Proposal[]> {
  const out: Proposal[] = [];
  let cursor: string | null = null;
  do {
    const page = await deps.store.read.governance.listProposals(collectiveId, { statuses: DECIDED }, { limit: PAGE, cursor });
    out.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return out.reverse();
}

export interface TallyCheck {
  id: string;
  kind: string;
  title: string;
  /** The status stored in the database. */
  status: string;
  /** The status the recount from the log leads to (null when the log cannot be recounted). */
  recomputed: string | null;
  turnout: number | null;
  electorate: number | null;
  storedDigest: string | null;
  loggedDigest: string | null;
  recomputedDigest: string | null;
  match: boolean;
  problems: string[];
}

/** Recomputes every decided proposal's tally from the log and compares it with the stored results. */
export async function recomputeTallies(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'governance.view');
  const [entries, proposals, salt] = await Promise.all([
    governanceEntries(deps, collective.id),
    decidedProposals(deps, collective.id),
    deps.store.read.collectives.logSalt(collective.id),
  ]);
  const trails = proposalTrails(entries);
  const checks: TallyCheck[] = [];
  for (const p of proposals) {
    const trail = trails.get(p.id) ?? { proposalId: p.id, ballots: [], vetoes: [], delegations: [] };
    const recount = recountProposal(trail);
    const problems = [...recount.problems];
    const storedDigest = p.result ? resultDigest(p.result) : null;
    const loggedDigest = trail.decided?.digests?.result ?? null;
    if (!trail.decided) problems.push('the log has no decision entry for this proposal');
    if (!storedDigest) problems.push('no result is stored');
    else if (recount.digest && storedDigest !== recount.digest) problems.push('the stored result differs from the recount from the log');
    if (recount.status && recount.status !== p.status) problems.push(`stored as ${p.status}, the recount says ${recount.status}`);
    if (trail.opened) {
      const members = await deps.store.read.governance.electorate(p.id);
      if (electorateDigest(members.map((m) => scopedPseudonym(salt, p.id, m))) !== trail.opened.digests?.electorate) {
        problems.push('the stored electorate differs from the one logged at the opening');
      }
    }
    checks.push({
      id: p.id,
      kind: p.kind,
      title: p.title,
      status: p.status,
      recomputed: recount.status ?? null,
      turnout: recount.result?.turnout ?? null,
      electorate: recount.result?.electorate ?? null,
      storedDigest,
      loggedDigest,
      recomputedDigest: recount.digest ?? null,
      match: problems.length === 0,
      problems,
    });
  }
  // A decision in the log for a proposal the database does not hold as decided.
  const known = new Set(proposals.map((p) => p.id));
  for (const [id, trail] of trails) {
    if (!trail.decided || known.has(id)) continue;
    const p = await deps.store.read.governance.proposal(collective.id, id);
    checks.push({
      id,
      kind: p?.kind ?? trail.opened?.refs?.topic ?? '',
      title: p?.title ?? '',
      status: p?.status ?? 'missing',
      recomputed: recountProposal(trail).status ?? null,
      turnout: null,
      electorate: null,
      storedDigest: p?.result ? resultDigest(p.result) : null,
      loggedDigest: trail.decided.digests?.result ?? null,
      recomputedDigest: null,
      match: false,
      problems: ['the log records a decision the database does not hold'],
    });
  }
  return { collective: collective.slug, checked: checks.length, mismatches: checks.filter((c) => !c.match).length, proposals: checks };
}
