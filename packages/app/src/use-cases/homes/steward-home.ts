import { invitationStatus } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { collectiveView, datasetView } from '../../views.ts';

/** A steward's overview: aggregates only — counts of people, records and log entries, never rows. */
export async function stewardHome(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'home.steward');
  const read = deps.store.read;
  const now = deps.clock.now();
  const [counts, datasets, perDataset, contributors, invitations, logSize] = await Promise.all([
    read.memberships.countByRole(collective.id),
    read.datasets.list(collective.id),
    read.records.countByDataset(collective.id),
    read.records.countContributors(collective.id),
    read.invitations.listForCollective(collective.id),
    read.log.size(collective.id),
  ]);
  return {
    collective: collectiveView(collective),
    counts,
    datasets: datasets.map((d) => ({ ...datasetView(d), records: perDataset[d.id] ?? 0 })),
    contributors,
    openInvitations: invitations.filter((i) => invitationStatus(i, now) === 'open').length,
    logSize,
  };
}
