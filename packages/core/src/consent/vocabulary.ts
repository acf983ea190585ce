import { ValidationError } from '../errors.ts';
import { RECIPIENT_CATEGORIES, type ConsentScope, type ConsentStatus, type PurposeId, type RecipientCategory } from './types.ts';

/**
 * What a member can consent to, in words a gig worker understands. Purposes are W3C Data Privacy
 * Vocabulary terms (https://w3id.org/dpv#) so receipts mean the same thing to any DPV reader; two
 * purposes DPV has no term for are Steward's own extension (namespace STEWARD_NS, prefix `stw:`).
 */

export const DPV_NS = 'https://w3id.org/dpv#';
/** Steward's extension of DPV: terms DPV lacks that collectives of workers need. */
export const STEWARD_NS = 'https://steward.coop/ns#';

/**
 * Version of the words below. Receipts and notices carry it, so a member's decision can be read
 * against the exact explanations they were shown; bump it whenever any text here changes.
 */
export const CONSENT_VOCABULARY_VERSION = 'steward-consent-vocabulary/1 (dpv 2.1)';

export interface Purpose {
  /** Compact id, `dpv:…` or `stw:…`. */
  id: PurposeId;
  iri: string;
  label: string;
  /** One or two short sentences, no jargon. */
  explanation: string;
  examples: readonly [string, string];
}

function purpose(id: string, label: string, explanation: string, examples: readonly [string, string]): Purpose {
  return { id, iri: expandPurposeId(id), label, explanation, examples };
}

/** Listed in the order members see them: the collective's own uses first, commercial ones last. */
export const PURPOSES: readonly Purpose[] = [
  purpose('stw:CollectiveBargaining', 'Collective bargaining', 'Your collective uses it to negotiate better pay and conditions with platforms or employers.', [
    'Showing a platform that real pay fell after it changed its fees.',
    'Backing a demand for paid waiting time in talks with a platform.',
  ]),
  purpose('stw:Campaigning', 'Campaigning', 'Your collective uses it in public campaigns for workers, for example in the news or with politicians.', [
    'A press release on how many hours riders work without pay.',
    'Evidence to lawmakers about drivers being cut off the app without warning.',
  ]),
  purpose('dpv:ServiceOptimisation', 'Improving our services', 'Your collective uses it to make the services it gives members work better.', [
    'Finding which pay summaries members find hard to read.',
    'Making it quicker to bring in the files you download from a platform.',
  ]),
  purpose('dpv:AcademicResearch', 'University research', 'Researchers at universities study it to learn how gig work really works, and publish what they find.', [
    'A university study of what delivery riders earn per hour after costs.',
    'A study of how star ratings affect which jobs drivers get.',
  ]),
  purpose('dpv:NonCommercialResearch', 'Non-profit research', 'Research that is not done to make money, for example by a charity or a research institute.', [
    'A charity report on unpaid waiting time between orders.',
    'An institute comparing pay on different apps.',
  ]),
  purpose('dpv:PublicBenefit', 'Public interest', 'Using it to help the public, for example to improve laws, safety or public services.', [
    'A city checking whether riders are safe on busy roads.',
    'A labour office working out a fair minimum pay for app work.',
  ]),
  purpose('dpv:CommercialResearch', 'Research for profit', 'A company studies it to build or sell products or advice, and may make money from what it learns.', [
    'A consultancy selling a report on driver earnings to investors.',
    'A start-up designing a new app for couriers.',
  ]),
  purpose('dpv:Marketing', 'Marketing', 'Using it to plan how to sell products or services, or to promote them.', [
    'A car rental firm planning offers for ride-hail drivers.',
    'An insurer planning how to sell cover to couriers.',
  ]),
  purpose('dpv:Advertising', 'Advertising', 'Using it to choose or show adverts, including adverts aimed at workers like you.', [
    'Showing adverts for phone holders to bike couriers.',
    'Choosing which drivers see an advert for a loan.',
  ]),
];

const BY_ID = new Map(PURPOSES.map((p) => [p.id, p]));

export function isPurposeId(value: unknown): value is PurposeId {
  return typeof value === 'string' && BY_ID.has(value);
}

export function purposeById(id: string): Purpose | undefined {
  return BY_ID.get(id);
}

/** The full IRI of a `dpv:` or `stw:` id; other strings are returned unchanged. */
export function expandPurposeId(id: string): string {
  if (id.startsWith('dpv:')) return DPV_NS + id.slice(4);
  if (id.startsWith('stw:')) return STEWARD_NS + id.slice(4);
  return id;
}

export interface RecipientCategoryInfo {
  label: string;
  explanation: string;
}

export const RECIPIENT_CATEGORY_INFO: Readonly<Record<RecipientCategory, RecipientCategoryInfo>> = {
  collective: { label: 'Your collective', explanation: 'The co-op, union or group you joined, acting through the people it chose.' },
  academic: { label: 'Universities', explanation: 'Researchers at universities and research institutes.' },
  public_body: { label: 'Public bodies', explanation: 'Government offices, regulators, cities and courts.' },
  journalist: { label: 'Journalists', explanation: 'Reporters and newsrooms writing about work.' },
  non_profit: { label: 'Non-profits', explanation: 'Charities and other groups that do not work to make money.' },
  commercial: { label: 'Companies', explanation: 'Businesses that work to make money, such as consultancies or app makers.' },
};

/** A one-tap choice that sets the member's whole consent for the datasets chosen. */
export interface ConsentPreset {
  id: PresetId;
  label: string;
  explanation: string;
  /** Cells the preset gives consent for; everything else is withdrawn. Empty for `nothing`. */
  purposes: readonly PurposeId[];
  recipients: readonly RecipientCategory[];
}

export const PRESET_IDS = ['research_public_interest', 'collective_only', 'all_but_commercial', 'nothing'] as const;
export type PresetId = (typeof PRESET_IDS)[number];

const COMMERCIAL_PURPOSES = new Set(['dpv:CommercialResearch', 'dpv:Marketing', 'dpv:Advertising']);

export const CONSENT_PRESETS: Readonly<Record<PresetId, ConsentPreset>> = {
  research_public_interest: {
    id: 'research_public_interest',
    label: 'Research and public interest only',
    explanation: 'Universities, public bodies and non-profits may use it for research and for the public good. Nobody else may.',
    purposes: ['dpv:AcademicResearch', 'dpv:NonCommercialResearch', 'dpv:PublicBenefit'],
    recipients: ['academic', 'public_body', 'non_profit'],
  },
  collective_only: {
    id: 'collective_only',
    label: 'My collective only',
    explanation: 'Only your collective may use it: to bargain, to campaign and to improve its services. Nobody outside may.',
    purposes: ['stw:CollectiveBargaining', 'stw:Campaigning', 'dpv:ServiceOptimisation'],
    recipients: ['collective'],
  },
  all_but_commercial: {
    id: 'all_but_commercial',
    label: 'Everything except business uses',
    explanation: 'Anyone but companies may use it, for any purpose except research for profit, marketing and advertising.',
    purposes: PURPOSES.map((p) => p.id).filter((id) => !COMMERCIAL_PURPOSES.has(id)),
    recipients: RECIPIENT_CATEGORIES.filter((c) => c !== 'commercial'),
  },
  nothing: {
    id: 'nothing',
    label: 'Nothing',
    explanation: 'Nobody may use your data, not even your collective. You can change this at any time.',
    purposes: [],
    recipients: [],
  },
};

export function isPresetId(value: unknown): value is PresetId {
  return typeof value === 'string' && (PRESET_IDS as readonly string[]).includes(value);
}

export interface PresetDecision {
  scope: ConsentScope;
  status: ConsentStatus;
}

/**
 * The records that set a member's consent to `preset` for `datasetIds`, to be appended in this
 * order in one transaction. A preset replaces what was there, but a scope is a rectangle and
 * "everything except the preset" is not one; so the first record withdraws every cell (every
 * purpose × every category, which also covers named requesters), and the second, being newer
 * (higher seq), gives consent for the preset's cells (rule C3: both are new records).
 */
export function presetDecisions(preset: PresetId, datasetIds: readonly string[]): PresetDecision[] {
  const chosen = CONSENT_PRESETS[preset];
  if (!chosen) throw ValidationError.field('preset', `must be one of ${PRESET_IDS.join(', ')}`);
  const ids = [...new Set(datasetIds)];
  if (ids.length === 0) throw ValidationError.field('datasets', 'choose at least one dataset');
  const datasets = () => ids.map((datasetId) => ({ datasetId }));
  const out: PresetDecision[] = [
    {
      status: 'withdrawn',
      scope: { datasets: datasets(), purposes: PURPOSES.map((p) => p.id), recipients: RECIPIENT_CATEGORIES.map((category) => ({ category })) },
    },
  ];
  if (chosen.purposes.length > 0) {
    out.push({ status: 'given', scope: { datasets: datasets(), purposes: [...chosen.purposes], recipients: chosen.recipients.map((category) => ({ category })) } });
  }
  return out;
}
