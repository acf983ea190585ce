import { NotFoundError } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { datasetView, recordView } from '../../views.ts';

/** The collective's datasets and their schemas. */
export async function listDatasets(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'datasets.view');
  const datasets = await deps.store.read.datasets.list(collective.id);
  return { items: datasets.map(datasetView) };
}

/** The actor's own records in one dataset (rule S1: only the member reads their raw records). */
export async function listMyRecords(
  deps: Deps,
  input: { actor: Actor | null; slug: string; dataset: string; limit: number; cursor?: string },
) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'records.own.view');
  const dataset = await deps.store.read.datasets.bySlug(collective.id, input.dataset);
  if (!dataset) throw new NotFoundError('dataset', `No dataset "${input.dataset}" in this collective.`);
  const page = await deps.store.read.records.listForMember(dataset.id, actor.userId, { limit: input.limit, cursor: input.cursor ?? null });
  return { items: page.items.map(recordView), next: page.next };
}
