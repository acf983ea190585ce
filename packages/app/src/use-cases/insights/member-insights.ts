import { INSIGHTS_DATASETS, insightsAccumulator, type ExpensesPerKm, type InsightsPeriod, type LatLng, type Readers } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { localActor } from '../accounts/local-actor.ts';
import { collectiveView } from '../../views.ts';

/** Records per round trip to the store: big batches, constant memory. */
const BATCH = 5000;

export interface InsightsChoice {
  period: InsightsPeriod;
  /** IANA time zone that weeks, months and days are cut in. */
  timeZone: string;
  /** Costs per km set by the member, to see what is left after them. */
  expensesPerKm?: ExpensesPerKm | null;
  /** The member's workplace, for time at it from their location points; else the suggested one. */
  workplace?: LatLng | null;
  /** Metres around the workplace that count as at it (default 150). */
  workplaceRadiusM?: number | null;
}

/** Every record of the member in the given datasets, page after page (rule S1: only theirs). */
async function* ownRecords(read: Readers, collectiveId: string, memberId: string, datasetIds: string[]) {
  let cursor: string | null = null;
  do {
    const page: Awaited<ReturnType<Readers['records']['pageForMember']>> = await read.records.pageForMember(collectiveId, memberId, { limit: BATCH, cursor, datasetIds });
    yield* page.items;
    cursor = page.next;
  } while (cursor);
}

/**
 * The member's own insights — real pay and hours per week or month, places and time at the
 * workplace — computed exactly from their own records in the collective's canonical datasets
 * (rule S1: the actor's records and nobody else's; a steward sees their own, not the members').
 * Records stream through one pass.
 */
export async function memberInsights(deps: Deps, input: { actor: Actor | null } & InsightsChoice & { slug: string }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'records.own.view');
  // Checks the period, time zone, expenses and workplace before reading any record.
  const acc = insightsAccumulator({
    period: input.period,
    timeZone: input.timeZone,
    expensesPerKm: input.expensesPerKm ?? null,
    workplace: input.workplace ?? null,
    workplaceRadiusM: input.workplaceRadiusM ?? null,
  });
  const canonical = new Map<string, string>();
  for (const d of await deps.store.read.datasets.list(collective.id)) {
    if (d.canonical !== null && INSIGHTS_DATASETS.includes(d.canonical)) canonical.set(d.id, d.canonical);
  }
  if (canonical.size > 0) {
    for await (const r of ownRecords(deps.store.read, collective.id, actor.userId, [...canonical.keys()])) {
      acc.add({ dataset: canonical.get(r.datasetId)!, data: r.data, occurredAt: r.occurredAt });
    }
  }
  return { collective: collectiveView(collective), ...acc.finish() };
}

/**
 * `steward insights --member EMAIL` on the server's own machine: whoever runs it controls the data
 * folder already, so it acts as that member; the member must still belong to the collective.
 */
export async function memberInsightsByEmail(deps: Deps, input: { email: string; slug: string } & InsightsChoice) {
  const { email, ...rest } = input;
  return memberInsights(deps, { ...rest, actor: await localActor(deps, { email }) });
}
