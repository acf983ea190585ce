import { CONSENT_PRESETS, CONSENT_VOCABULARY_VERSION, PRESET_IDS, PURPOSES, RECIPIENT_CATEGORIES, RECIPIENT_CATEGORY_INFO } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { consentDatasets } from './context.ts';

/** What a member can consent to, in plain words: purposes, recipients, presets and the collective's datasets. */
export async function consentOptions(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'consent.own.manage');
  const datasets = await consentDatasets(deps.store.read, collective);
  return {
    vocabularyVersion: CONSENT_VOCABULARY_VERSION,
    purposes: PURPOSES.map((p) => ({ id: p.id, iri: p.iri, label: p.label, explanation: p.explanation, examples: [...p.examples] })),
    recipients: RECIPIENT_CATEGORIES.map((category) => ({ category, ...RECIPIENT_CATEGORY_INFO[category] })),
    presets: PRESET_IDS.map((id) => ({ id, label: CONSENT_PRESETS[id].label, explanation: CONSENT_PRESETS[id].explanation })),
    datasets: datasets.map((d) => ({ id: d.id, slug: d.slug, name: d.name, description: d.description, categories: d.categories, fields: d.fieldInfo })),
  };
}
