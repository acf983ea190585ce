import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { collectiveView, datasetView } from '../../views.ts';

/** A member's overview: the collective's datasets and how many of their own records each holds. */
export async function memberHome(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective, roles, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'home.member');
  const [datasets, mine] = await Promise.all([
    deps.store.read.datasets.list(collective.id),
    deps.store.read.records.countForMember(collective.id, actor.userId),
  ]);
  const rows = datasets.map((d) => ({ ...datasetView(d), myRecords: mine[d.id] ?? 0 }));
  return {
    collective: collectiveView(collective),
    roles,
    datasets: rows,
    totalRecords: rows.reduce((sum, d) => sum + d.myRecords, 0),
  };
}
