import { prepareDecision, type Collective, type Dataset, type PresetId, type Repositories } from '@steward/core';
import type { Deps } from '../context.ts';
import { consentDatasetInfo } from '../use-cases/consent/context.ts';
import { appendDecision } from '../use-cases/consent/decide.ts';

/**
 * What the demo's synthetic members decided, so coverage, and later grants and analyses, have
 * consent to work with. Deterministic by member number; member 0 (the demo member who signs in)
 * has decided nothing, so a visitor sees the opt-in default and makes the first choice.
 */
export function demoConsentChoice(member: number): PresetId[] {
  if (member === 0) return [];
  // A spread like a real cooperative's: most share for research and with their collective, a few
  // share widely, some keep to the collective, and some have not decided (no use: opt-in).
  const bucket = (member * 7919) % 20;
  if (bucket < 11) return ['research_public_interest', 'collective_only'];
  if (bucket < 15) return ['collective_only'];
  if (bucket < 17) return ['all_but_commercial'];
  return [];
}

/** Records the demo members' decisions, as those members, in the seeding transaction. */
export async function seedDemoConsents(deps: Deps, tx: Repositories, input: { collective: Collective; datasets: Dataset[]; memberIds: string[]; now: Date }) {
  const context = { now: input.now, collectiveName: input.collective.name, datasets: input.datasets.map(consentDatasetInfo) };
  const reviewAt = new Date(input.now.getTime() + 180 * 86_400_000).toISOString();
  const expiresAt = new Date(input.now.getTime() + 365 * 86_400_000).toISOString();
  let records = 0;
  for (const [i, memberId] of input.memberIds.entries()) {
    for (const [k, preset] of demoConsentChoice(i).entries()) {
      // A second preset adds its cells rather than replacing the first: its "given" part only.
      const decision = prepareDecision({ preset, expiresAt, reviewAt }, context);
      if (k > 0) decision.changes = decision.changes.filter((c) => c.status === 'given');
      const res = await appendDecision(tx, { collectiveId: input.collective.id, actorUserId: memberId, memberId, decision, method: 'web', now: input.now });
      records += res.records.length;
    }
  }
  return records;
}
