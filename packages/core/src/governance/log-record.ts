import { sha256 } from '@noble/hashes/sha2.js';
import { decisionRule, isObject } from './charter-fields.ts';
import { closesAt, outcomeStatus } from './proposal.ts';
import { YES_OPTION } from './voting/ballot.ts';
import { tally } from './voting/tally.ts';
import { canonicalJson } from '../log/canonical-json.ts';
import { toHex, utf8 } from '../log/bytes.ts';
import type { LogEntryBody } from '../log/entry.ts';
import { DECISION_KINDS, VOTING_METHODS } from './types.ts';
import type { Ballot, BallotChoice, Charter, DecisionKind, DecisionRule, Delegation, ProposalOption, ProposalStatus, TallyResult, Veto, VotingMethod } from './types.ts';

/**
 * How a vote is written into the transparency log so that anyone can recount it from the log
 * alone (rule G3), with ids, digests and counts only (rule T3).
 *
 * A proposal's trail is: `proposal.opened` (the decision rule as numbers, the option ids, the
 * size and digest of the electorate), one `ballot.cast` per ballot (the voter's per-proposal
 * pseudonym and the choice as numbers), `proposal.vetoed` per veto (the body's name), one
 * `delegation.counted` per delegation in force at the close (per-proposal pseudonyms of both
 * ends) and `proposal.decided` (the outcome and the digest of the result). `recountProposal`
 * turns a trail back into a tally with the same pure `tally` the app runs when it closes.
 *
 * Voters appear under per-proposal pseudonyms, so a ballot cannot be linked to the voter's other
 * entries or to their ballots on other proposals. Free text — an objection's or a veto's reason,
 * option labels, the proposal's title — never enters the log; a consent objection is logged only
 * as an objection (it was checked to carry a reason when cast).
 */

export const GOVERNANCE_ENTRY = {
  opened: 'proposal.opened',
  ballot: 'ballot.cast',
  veto: 'proposal.vetoed',
  delegation: 'delegation.counted',
  decided: 'proposal.decided',
} as const;

/** The entry types a recount reads. */
export const TALLY_ENTRY_TYPES: readonly string[] = Object.values(GOVERNANCE_ENTRY);

/** Fields of a log entry, as `appendLog` takes them. */
export interface EntryFields {
  refs: Record<string, string>;
  counts?: Record<string, number>;
  digests?: Record<string, string>;
}

/** Hex SHA-256 of a value's canonical JSON (integers only): how charters, rules and results are named in the log. */
export function digestOf(value: unknown): string {
  return toHex(sha256(utf8(canonicalJson(value))));
}

/** The digest a charter version is logged with. */
export const charterDigest = (charter: Charter): string => digestOf(charter);

/**
 * The digest of a tally's decisive part: everything but the reasons, whose words name option
 * labels the log does not carry. Equal digests mean equal outcome, turnout, counts and weights.
 */
export function resultDigest(result: TallyResult): string {
  const { reasons: _reasons, ...decisive } = result;
  return digestOf(decisive);
}

/** Digest of an electorate's pseudonyms (sorted, one per line), logged with its size at the opening. */
export function electorateDigest(pseudonyms: readonly string[]): string {
  return toHex(sha256(utf8([...new Set(pseudonyms)].sort().join('\n'))));
}

/** Option ids may be logged (labels may not), so they are short, lower-case tokens. */
export const OPTION_ID = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** The options a ballot refers to by position: the proposal's, or the single "yes" of a quadratic vote without options. */
export function ballotOptions(method: VotingMethod, options: readonly ProposalOption[]): readonly ProposalOption[] {
  return options.length === 0 && method === 'quadratic' ? [YES_OPTION] : options;
}

/** The opening entry's fields: the rule as numbers and its digest, the option ids, the electorate's size and digest. */
export function openedFields(input: {
  proposalId: string;
  topic: DecisionKind;
  rule: DecisionRule;
  options: readonly ProposalOption[];
  electorate: readonly string[];
  delegation: boolean;
  charterVersion: number;
  contentDigest: string;
}): EntryFields {
  const { rule } = input;
  const refs: Record<string, string> = { proposal: input.proposalId, topic: input.topic, method: rule.method };
  input.options.forEach((o, i) => (refs[`option.${i}`] = o.id));
  const counts: Record<string, number> = {
    charterVersion: input.charterVersion,
    electorate: new Set(input.electorate).size,
    quorumNum: rule.quorum.num,
    quorumDen: rule.quorum.den,
    thresholdNum: rule.threshold.num,
    thresholdDen: rule.threshold.den,
    votingPeriodDays: rule.votingPeriodDays,
    delegation: input.delegation ? 1 : 0,
    options: input.options.length,
  };
  if (rule.voiceCredits !== undefined) counts.voiceCredits = rule.voiceCredits;
  return { refs, counts, digests: { rule: digestOf(rule), electorate: electorateDigest(input.electorate), content: input.contentDigest } };
}

/** A ballot's fields: the choice as ids and numbers (options by position), never a reason. */
export function ballotFields(proposalId: string, choice: BallotChoice, options: readonly ProposalOption[]): EntryFields {
  const pos = new Map(ballotOptions(choice.method, options).map((o, i) => [o.id, i]));
  switch (choice.method) {
    case 'majority':
    case 'supermajority':
    case 'consent':
      return { refs: { proposal: proposalId, vote: choice.vote } };
    case 'quadratic': {
      const counts: Record<string, number> = {};
      for (const [id, v] of Object.entries(choice.votes)) counts[`votes.${pos.get(id)}`] = v;
      return { refs: { proposal: proposalId }, counts };
    }
    case 'schulze': {
      const counts: Record<string, number> = {};
      choice.ranking.forEach((group, level) => group.forEach((id) => (counts[`rank.${pos.get(id)}`] = level)));
      return { refs: { proposal: proposalId }, counts };
    }
  }
}

/** Stands in for an objection's reason, which is checked when cast but never logged. */
export const WITHHELD_REASON = '(reason not logged)';

/** Reads a ballot back from its entry; undefined when the entry cannot be a ballot of this vote. */
export function choiceFromFields(method: VotingMethod, options: readonly ProposalOption[], entry: Pick<LogEntryBody, 'refs' | 'counts'>): BallotChoice | undefined {
  const opts = ballotOptions(method, options);
  const counts = entry.counts ?? {};
  const vote = entry.refs?.vote;
  const indexed = (prefix: string): Array<[string, number]> | undefined => {
    const out: Array<[string, number]> = [];
    for (const [k, v] of Object.entries(counts)) {
      const m = new RegExp(`^${prefix}\\.(\\d+)$`).exec(k);
      const option = m ? opts[Number(m[1])] : undefined;
      if (!option || !Number.isSafeInteger(v)) return undefined;
      out.push([option.id, v]);
    }
    return out;
  };
  switch (method) {
    case 'majority':
    case 'supermajority':
      return vote === 'yes' || vote === 'no' || vote === 'abstain' ? { method, vote } : undefined;
    case 'consent':
      if (vote === 'object') return { method, vote, reason: WITHHELD_REASON };
      return vote === 'consent' || vote === 'abstain' ? { method, vote } : undefined;
    case 'quadratic': {
      const pairs = indexed('votes');
      return pairs && { method, votes: Object.fromEntries(pairs) };
    }
    case 'schulze': {
      const pairs = indexed('rank');
      if (!pairs || pairs.some(([, level]) => level < 0)) return undefined;
      const levels = [...new Set(pairs.map(([, level]) => level))].sort((a, b) => a - b);
      const order = new Map(opts.map((o, i) => [o.id, i]));
      const ranking = levels.map((level) => pairs.filter(([, l]) => l === level).map(([id]) => id).sort((a, b) => order.get(a)! - order.get(b)!));
      return { method, ranking };
    }
  }
}

/** The decided entry's fields: the status, what it changed, the headline numbers and the result's digest. */
export function decidedFields(proposalId: string, result: TallyResult, effect: string): EntryFields {
  return {
    refs: { proposal: proposalId, outcome: outcomeStatus(result), effect },
    counts: {
      electorate: result.electorate,
      turnout: result.turnout,
      quorumMet: result.quorumMet ? 1 : 0,
      ballots: result.counts.ballots ?? 0,
      delegated: result.counts.delegated ?? 0,
    },
    digests: { result: resultDigest(result) },
  };
}

/** The tally's inputs as they are logged: pseudonyms for people, nothing else about them. */
export interface TallyRecord {
  rule: DecisionRule;
  topic: DecisionKind;
  options: readonly ProposalOption[];
  /** Pseudonyms of the electorate; a recount from the log stands in for members it never saw. */
  electorate: readonly string[];
  ballots: readonly Ballot[];
  delegations: readonly Delegation[];
  vetoes: readonly Veto[];
}

/** Counts a vote from its record; the closer and every recount run exactly this. */
export function tallyRecord(record: TallyRecord): TallyResult {
  return tally({
    rule: record.rule,
    topic: record.topic,
    options: record.options,
    electorate: record.electorate,
    ballots: record.ballots,
    delegations: record.delegations,
    vetoes: record.vetoes,
  });
}

/** One proposal's entries, in log order. */
export interface ProposalTrail {
  proposalId: string;
  opened?: LogEntryBody;
  ballots: LogEntryBody[];
  vetoes: LogEntryBody[];
  delegations: LogEntryBody[];
  decided?: LogEntryBody;
}

/** Groups governance entries by the proposal they name (entries must be given in log order). */
export function proposalTrails(entries: Iterable<LogEntryBody>): Map<string, ProposalTrail> {
  const trails = new Map<string, ProposalTrail>();
  for (const e of entries) {
    const id = e.refs?.proposal;
    if (!id || !TALLY_ENTRY_TYPES.includes(e.type)) continue;
    let t = trails.get(id);
    if (!t) trails.set(id, (t = { proposalId: id, ballots: [], vetoes: [], delegations: [] }));
    if (e.type === GOVERNANCE_ENTRY.opened) t.opened ??= e;
    else if (e.type === GOVERNANCE_ENTRY.ballot) t.ballots.push(e);
    else if (e.type === GOVERNANCE_ENTRY.veto) t.vetoes.push(e);
    else if (e.type === GOVERNANCE_ENTRY.delegation) t.delegations.push(e);
    else if (e.type === GOVERNANCE_ENTRY.decided) t.decided ??= e;
  }
  return trails;
}

export interface Recount {
  /** The tally recomputed from the trail (absent when the trail cannot be read). */
  result?: TallyResult;
  digest?: string;
  /** The status the recomputed tally leads to. */
  status?: ProposalStatus;
  /** Why the trail disagrees with itself (e.g. the decided entry names another result). */
  problems: string[];
}

const isDecisionKind = (v: unknown): v is DecisionKind => (DECISION_KINDS as readonly unknown[]).includes(v);
const isMethod = (v: unknown): v is VotingMethod => (VOTING_METHODS as readonly unknown[]).includes(v);

/** The decision rule from an opening entry's numbers, or undefined when they are not a rule. */
export function ruleFromFields(entry: Pick<LogEntryBody, 'refs' | 'counts'>): DecisionRule | undefined {
  const c = entry.counts ?? {};
  const raw: Record<string, unknown> = {
    method: entry.refs?.method,
    quorum: { num: c.quorumNum, den: c.quorumDen },
    threshold: { num: c.thresholdNum, den: c.thresholdDen },
    votingPeriodDays: c.votingPeriodDays,
  };
  if (c.voiceCredits !== undefined) raw.voiceCredits = c.voiceCredits;
  if (!isMethod(raw.method)) return undefined;
  return decisionRule(raw, 'rule', []);
}

/**
 * Recounts one proposal from its log entries alone. Members of the electorate the log never
 * mentions (they neither voted nor delegated) stand in as anonymous placeholders: they count
 * towards the quorum's denominator only, which is all the tally needs of them.
 */
export function recountProposal(trail: ProposalTrail): Recount {
  const problems: string[] = [];
  const opened = trail.opened;
  if (!opened) return { problems: ['the log has no opening entry for this proposal'] };
  const rule = ruleFromFields(opened);
  if (!rule) return { problems: ['the opening entry does not hold a valid decision rule'] };
  if (opened.digests?.rule !== digestOf(rule)) problems.push('the decision rule does not match its logged digest');
  const topic = opened.refs?.topic;
  if (!isDecisionKind(topic)) return { problems: [...problems, 'the opening entry names no kind of decision'] };
  const optionCount = opened.counts?.options ?? 0;
  const options: ProposalOption[] = [];
  for (let i = 0; i < optionCount; i++) {
    const id = opened.refs?.[`option.${i}`];
    if (!id) return { problems: [...problems, `the opening entry lacks option ${i}`] };
    options.push({ id, label: id });
  }
  const size = opened.counts?.electorate;
  if (!Number.isSafeInteger(size) || size! < 0) return { problems: [...problems, 'the opening entry does not give the electorate’s size'] };

  const openedAt = new Date(opened.time);
  const closes = closesAt(openedAt, rule).getTime();
  const within = (e: LogEntryBody) => {
    const t = Date.parse(e.time);
    return t >= openedAt.getTime() && t < closes;
  };
  const ballots: Ballot[] = [];
  trail.ballots.forEach((e, i) => {
    const choice = choiceFromFields(rule.method, options, e);
    if (!choice) problems.push(`ballot entry ${i + 1} cannot be read as a ${rule.method} ballot`);
    else if (!within(e)) problems.push(`ballot entry ${i + 1} was cast outside the voting period`);
    else ballots.push({ voterId: e.actor, choice, castAt: new Date(e.time) });
  });
  const vetoes: Veto[] = trail.vetoes.filter(within).map((e) => ({ holder: e.refs?.holder ?? '', vetoerId: e.actor, reason: '', at: new Date(e.time) }));
  const delegations: Delegation[] = [];
  for (const e of trail.delegations) {
    const t = e.refs?.topic;
    if (!e.subject || (t !== '*' && t !== topic)) problems.push('a delegation entry names no delegate or another topic');
    else delegations.push({ delegatorId: e.actor, delegateId: e.subject, topic: t, createdAt: new Date(e.time) });
  }
  if (opened.counts?.delegation === 0 && delegations.length > 0) problems.push('delegations were counted although the charter did not allow them');

  const seen = new Set<string>([...ballots.map((b) => b.voterId), ...delegations.flatMap((d) => [d.delegatorId, d.delegateId])]);
  if (seen.size > size!) problems.push(`the log names ${seen.size} voters but the electorate has ${size}`);
  const electorate = [...seen];
  for (let i = 0; electorate.length < size!; i++) electorate.push(`(member ${i + 1})`);

  let result: TallyResult;
  try {
    result = tallyRecord({ rule, topic, options, electorate, ballots, delegations, vetoes });
  } catch (error) {
    return { problems: [...problems, `the vote cannot be counted: ${(error as Error).message}`] };
  }
  const digest = resultDigest(result);
  const status = outcomeStatus(result);
  const decided = trail.decided;
  if (decided) {
    if (decided.digests?.result !== digest) problems.push('the decided entry names another result than the recount');
    if (decided.refs?.outcome !== status) problems.push(`the decided entry says ${decided.refs?.outcome}, the recount says ${status}`);
  }
  return { result, digest, status, problems };
}

/** Whether a value parsed from a log entry's JSON has the entry's shape (for readers of raw entries). */
export function isLogEntryBody(value: unknown): value is LogEntryBody {
  return isObject(value) && value.v === 1 && typeof value.type === 'string' && typeof value.time === 'string' && typeof value.actor === 'string';
}
