import { consentCoverage, PURPOSES, RECIPIENT_CATEGORIES } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';

/**
 * How many members consent to each use (dataset × purpose × recipient category) right now, by the
 * same gate every use goes through. Counts only: stewards see coverage, never who.
 */
export async function consentCoverageFor(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'consent.coverage.view');
  const at = deps.clock.now();
  const [records, datasets, roles] = await Promise.all([
    deps.store.read.consents.listForCollective(collective.id, at),
    deps.store.read.datasets.list(collective.id),
    deps.store.read.memberships.countByRole(collective.id),
  ]);
  const cells = datasets.flatMap((d) => PURPOSES.flatMap((p) => RECIPIENT_CATEGORIES.map((category) => ({ datasetId: d.id, purpose: p.id, recipient: { category } }))));
  const members = [...new Set(records.map((r) => r.memberId))];
  const counts = consentCoverage(records, members, cells, at);
  return {
    at: at.toISOString(),
    members: roles.member,
    cells: counts.map((c) => ({ datasetId: c.datasetId, purpose: c.purpose, category: c.recipient.category, members: c.allowed })),
  };
}
