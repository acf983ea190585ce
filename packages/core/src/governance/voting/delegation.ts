import { DECISION_KINDS, type DecisionKind, type Delegation } from '../types.ts';

/**
 * Liquid democracy. A member who does not vote directly is carried by their delegate for the
 * topic (a topic-specific delegation beats `*`), and onwards, until the chain reaches someone who
 * voted directly. A chain that loops or ends at someone who did not vote carries nothing: nobody
 * can be counted twice or by accident. A direct ballot always overrides the member's delegation.
 */

/** Per delegator, per topic, the delegation in force: the latest by createdAt, ties by list order. */
type Index = Map<string, Map<DecisionKind | '*', Delegation>>;

function indexOf(delegations: readonly Delegation[], keep: (d: Delegation) => boolean = () => true): Index {
  const index: Index = new Map();
  for (const d of delegations) {
    if (!keep(d)) continue;
    let byTopic = index.get(d.delegatorId);
    if (!byTopic) index.set(d.delegatorId, (byTopic = new Map()));
    const prev = byTopic.get(d.topic);
    if (!prev || d.createdAt.getTime() >= prev.createdAt.getTime()) byTopic.set(d.topic, d);
  }
  return index;
}

function delegateIn(index: Index, memberId: string, topic: DecisionKind): string | undefined {
  const byTopic = index.get(memberId);
  return (byTopic?.get(topic) ?? byTopic?.get('*'))?.delegateId;
}

/** Who votes for `memberId` on `topic` by delegation (the first link only), or undefined. */
export function currentDelegate(delegations: readonly Delegation[], memberId: string, topic: DecisionKind): string | undefined {
  return delegateIn(indexOf(delegations), memberId, topic);
}

export interface DelegationResolution {
  /** Every direct voter's weight: 1 + the members whose chain ends at them. Keys sorted. */
  weights: Record<string, number>;
  /** For each member carried by delegation, the direct voter who carries them. Keys sorted. */
  carriedBy: Record<string, string>;
  /** Members who neither voted nor reached a voter (no delegation, a loop, or a dead end). Sorted. */
  uncounted: string[];
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Resolves delegations for one vote. Only electorate members' delegations to electorate members
 * count; `directVoters` are the members with a counted ballot.
 */
export function resolveDelegations(input: {
  electorate: readonly string[];
  directVoters: Iterable<string>;
  delegations: readonly Delegation[];
  topic: DecisionKind;
}): DelegationResolution {
  const members = new Set(input.electorate);
  const direct = new Set([...input.directVoters].filter((v) => members.has(v)));
  const index = indexOf(input.delegations, (d) => members.has(d.delegatorId) && members.has(d.delegateId));
  const weights: Record<string, number> = {};
  for (const v of [...direct].sort(byString)) weights[v] = 1;
  const carriedBy: Record<string, string> = {};
  const uncounted: string[] = [];
  for (const member of [...members].sort(byString)) {
    if (direct.has(member)) continue;
    const seen = new Set([member]);
    let next = delegateIn(index, member, input.topic);
    while (next !== undefined && !direct.has(next) && !seen.has(next)) {
      seen.add(next);
      next = delegateIn(index, next, input.topic);
    }
    if (next !== undefined && direct.has(next)) {
      carriedBy[member] = next;
      weights[next]! += 1;
    } else uncounted.push(member);
  }
  return { weights, carriedBy, uncounted };
}

/**
 * Whether letting `delegatorId` delegate to `delegateId` on `topic` would close a loop, so the
 * use-case can refuse it. The new delegation replaces the delegator's current one for that topic;
 * a `*` delegation is checked on every topic where it would take effect (the delegator has no
 * topic-specific delegation there). Delegating to oneself is a loop.
 */
export function wouldCreateCycle(delegations: readonly Delegation[], delegatorId: string, delegateId: string, topic: DecisionKind | '*'): boolean {
  if (delegatorId === delegateId) return true;
  const index = indexOf(delegations);
  const own = index.get(delegatorId);
  const topics = topic === '*' ? DECISION_KINDS.filter((k) => !own?.has(k)) : [topic];
  for (const t of topics) {
    // Walk from the new delegate; reaching the delegator means the new link would close a loop.
    const seen = new Set<string>();
    let cur: string | undefined = delegateId;
    while (cur !== undefined && !seen.has(cur)) {
      if (cur === delegatorId) return true;
      seen.add(cur);
      cur = delegateIn(index, cur, t);
    }
  }
  return false;
}
