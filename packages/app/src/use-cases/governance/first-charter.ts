import { charterDigest, STARTER_CHARTERS, validateCharter, type Charter, type CollectiveKind, type Repositories, type StarterCharterKind } from '@steward/core';
import type { LogEvent } from '../../log/append.ts';

/**
 * Every collective starts with charter version 1, chosen by its kind, so every request and every
 * vote has rules to go by from day one. Members change it by amendment (a proposal).
 *
 * - cooperative → the drivers' cooperative starter (a workers' cooperative pooling platform data),
 * - union → the union starter,
 * - trust → the health-data cooperative starter (a data trust holds sensitive data in trust for
 *   its members; it is the most protective starter, with a committee that can veto),
 * - community → the indigenous data governance starter (CARE principles, elders' veto).
 */
export const FIRST_CHARTER_BY_KIND: Readonly<Record<CollectiveKind, StarterCharterKind>> = {
  cooperative: 'drivers_cooperative',
  union: 'union',
  trust: 'health_cooperative',
  community: 'indigenous_data_governance',
};

/**
 * The starter for a kind of collective, made usable: a starter names veto bodies (a health
 * committee, an elders' council) with no members yet, so nobody could veto. Until members name
 * them by amendment, the collective's stewards sit on those bodies — a veto that nobody holds
 * would protect nothing.
 */
export function firstCharter(kind: CollectiveKind): Charter {
  const charter = structuredClone(STARTER_CHARTERS[FIRST_CHARTER_BY_KIND[kind]]) as Charter;
  charter.vetoes = charter.vetoes.map((v) => ('userIds' in v.members && v.members.userIds.length === 0 ? { ...v, members: { role: 'steward' as const } } : v));
  return validateCharter(charter);
}

/** Adopts version 1 inside the collective's creating transaction; returns its log event (rule T1). */
export async function adoptFirstCharter(tx: Repositories, input: { collectiveId: string; kind: CollectiveKind; actorUserId: string; now: Date }): Promise<LogEvent> {
  const charter = firstCharter(input.kind);
  const digest = charterDigest(charter);
  await tx.governance.adoptCharter({ collectiveId: input.collectiveId, version: 1, charter, digest, adoptedAt: input.now, proposalId: null });
  return { type: 'charter.adopted', actorUserId: input.actorUserId, refs: { kind: charter.kind }, counts: { version: 1 }, digests: { charter: digest } };
}
