import type { Charter, DecisionRule, Ratio } from './types.ts';

/**
 * Starter charters, one per kind of collective. They are drafts a steward adapts and members
 * adopt, not defaults that apply silently; they differ where such collectives really differ:
 * what is ruled out, what needs a vote, who may veto, how large a group must be before anything
 * about it is released. Dataset names in targets are canonical names or slugs the collective is
 * expected to create (the health ones are examples to rename).
 */

const r = (num: number, den: number): Ratio => ({ num, den });
const HALF = r(1, 2);
const majority = (quorum: Ratio, days: number): DecisionRule => ({ method: 'majority', quorum, threshold: HALF, votingPeriodDays: days });
const supermajority = (threshold: Ratio, quorum: Ratio, days: number): DecisionRule => ({ method: 'supermajority', quorum, threshold, votingPeriodDays: days });
const consent = (quorum: Ratio, days: number): DecisionRule => ({ method: 'consent', quorum, threshold: HALF, votingPeriodDays: days });

const OWN_PURPOSES = ['stw:CollectiveBargaining', 'stw:Campaigning', 'dpv:ServiceOptimisation'];
const RESEARCH = ['dpv:AcademicResearch', 'dpv:NonCommercialResearch', 'dpv:PublicBenefit'];
const SELLING = ['dpv:Marketing', 'dpv:Advertising'];
/** Example slugs for a health co-op's health datasets; a collective renames them to its own. */
export const STARTER_HEALTH_DATASETS = ['health_records', 'symptom_diary', 'medications'];

const union: Charter = {
  format: 1,
  kind: 'union',
  title: 'Union data charter',
  preamble: 'Our members pool their work data to bargain, to campaign and to show what work really pays. It is never sold to companies.',
  rules: [
    { id: 'no-companies', effect: 'prohibit', target: { recipients: ['commercial'] }, reason: 'We do not sell or give our members’ data to companies.' },
    { id: 'no-selling', effect: 'prohibit', target: { purposes: [...SELLING, 'dpv:CommercialResearch'] }, reason: 'Our data is for workers, not for selling things to them.' },
    { id: 'own-campaigns', effect: 'permit', target: { purposes: OWN_PURPOSES, recipients: ['collective'] }, reason: 'Bargaining and campaigning are what the union is for; members consent to them one by one.' },
    { id: 'research', effect: 'vote', target: { purposes: RESEARCH, recipients: ['academic', 'non_profit', 'public_body'] }, constraints: { maxDurationDays: 365 }, reason: 'Research can help workers, so members decide each study together.' },
    { id: 'press', effect: 'vote', target: { purposes: ['dpv:PublicBenefit', 'stw:Campaigning'], recipients: ['journalist'] }, constraints: { maxDurationDays: 90 }, reason: 'Figures given to reporters speak for the union, so members decide.' },
  ],
  otherwise: 'vote',
  minCohort: 10,
  privacy: { maxRhoMicroPerRequest: 100_000, maxRhoMicroPerMemberPerPeriod: 1_000_000, periodDays: 365 },
  priceFloors: [],
  decisions: {
    access_request: majority(r(1, 5), 7),
    charter_amendment: supermajority(r(2, 3), r(1, 3), 14),
    revenue_distribution: majority(r(1, 5), 7),
    motion: majority(r(1, 10), 7),
  },
  vetoes: [],
  delegation: { allowed: true },
  revenue: { rule: 'equal', treasuryShare: r(1, 2) },
};

const driversCooperative: Charter = {
  format: 1,
  kind: 'drivers_cooperative',
  title: 'Drivers’ cooperative data charter',
  preamble: 'Drivers own this cooperative and the data it holds. Research that helps drivers is welcome; companies pay a fair price, and only when most of us agree.',
  rules: [
    { id: 'no-advertising', effect: 'prohibit', target: { purposes: SELLING }, reason: 'Nobody may use our data to advertise or sell to drivers.' },
    { id: 'own-uses', effect: 'permit', target: { purposes: OWN_PURPOSES, recipients: ['collective'] }, reason: 'The cooperative uses members’ data for its own work; each member consents.' },
    { id: 'research', effect: 'permit', target: { purposes: ['dpv:AcademicResearch', 'dpv:NonCommercialResearch'], recipients: ['academic', 'non_profit'] }, constraints: { maxDurationDays: 365 }, reason: 'Independent research on driving work is welcome, for a year at a time.' },
    { id: 'commercial-research', effect: 'vote', target: { purposes: ['dpv:CommercialResearch'], recipients: ['commercial'] }, constraints: { maxDurationDays: 180, minPriceMinor: 500_000, currency: 'EUR' }, reason: 'Companies profit from our data, so two thirds of us must agree and they must pay at least €5,000.' },
    { id: 'public-interest', effect: 'vote', target: { purposes: ['dpv:PublicBenefit'], recipients: ['public_body', 'journalist'] }, reason: 'Cities, regulators and reporters may ask; members decide.' },
  ],
  otherwise: 'prohibit',
  minCohort: 20,
  privacy: { maxRhoMicroPerRequest: 200_000, maxRhoMicroPerMemberPerPeriod: 2_000_000, periodDays: 365 },
  priceFloors: [{ recipients: ['commercial'], currency: 'EUR', minPriceMinor: 250_000 }],
  decisions: {
    access_request: supermajority(r(2, 3), r(1, 4), 10),
    charter_amendment: supermajority(r(3, 4), r(1, 3), 21),
    revenue_distribution: { method: 'quadratic', quorum: r(1, 4), threshold: HALF, votingPeriodDays: 14, voiceCredits: 100 },
    motion: majority(r(1, 5), 7),
  },
  vetoes: [],
  delegation: { allowed: true },
  revenue: { rule: 'usage_weighted', treasuryShare: r(1, 10) },
};

const healthCooperative: Charter = {
  format: 1,
  kind: 'health_cooperative',
  title: 'Health data cooperative charter',
  preamble: 'Patients pool their health data to advance care and research that serves them. Health data leaves the cooperative only after a clear vote, and our health committee can stop any use.',
  rules: [
    { id: 'no-companies', effect: 'prohibit', target: { recipients: ['commercial'] }, reason: 'Health data is never given to companies.' },
    { id: 'no-commerce', effect: 'prohibit', target: { purposes: [...SELLING, 'dpv:CommercialResearch'] }, reason: 'Health data is never used to sell or to make a profit.' },
    // Every use of health data, even the cooperative's own, goes to a vote the committee can veto.
    { id: 'health-data', effect: 'vote', target: { datasets: STARTER_HEALTH_DATASETS }, constraints: { maxDurationDays: 365 }, reason: 'Health data is shared only after two thirds of members agree; the health committee can veto.' },
    // Permits list their datasets, so a request mixing health data with other data never slips through.
    { id: 'own-surveys', effect: 'permit', target: { purposes: ['dpv:ServiceOptimisation'], recipients: ['collective'], datasets: ['member_surveys'] }, reason: 'The cooperative improves its services from members’ survey answers.' },
    { id: 'research', effect: 'vote', target: { purposes: RESEARCH, recipients: ['academic', 'non_profit', 'public_body'] }, constraints: { maxDurationDays: 365 }, reason: 'Research partners are chosen by members.' },
  ],
  otherwise: 'vote',
  minCohort: 50,
  privacy: { maxRhoMicroPerRequest: 50_000, maxRhoMicroPerMemberPerPeriod: 500_000, periodDays: 365 },
  priceFloors: [],
  decisions: {
    access_request: supermajority(r(2, 3), r(1, 3), 14),
    charter_amendment: supermajority(r(3, 4), r(1, 3), 21),
    revenue_distribution: majority(r(1, 4), 14),
    motion: majority(r(1, 5), 7),
  },
  vetoes: [
    { holder: 'Health committee', members: { userIds: [] }, kinds: ['access_request'], target: { datasets: STARTER_HEALTH_DATASETS } },
    { holder: 'Health committee', members: { userIds: [] }, kinds: ['charter_amendment'] },
  ],
  delegation: { allowed: true },
  revenue: { rule: 'equal', treasuryShare: r(1, 4) },
};

/** CARE principles: Collective benefit, Authority to control, Responsibility, Ethics. */
const indigenousDataGovernance: Charter = {
  format: 1,
  kind: 'indigenous_data_governance',
  title: 'Community data governance charter',
  preamble: 'Our data belongs to our people and is governed by our people (CARE principles: collective benefit, authority to control, responsibility, ethics). No use outside the community happens without the community deciding and the elders agreeing.',
  rules: [
    { id: 'no-selling', effect: 'prohibit', target: { purposes: SELLING }, reason: 'Our data is never used to advertise or sell.' },
    { id: 'community-uses', effect: 'permit', target: { purposes: OWN_PURPOSES, recipients: ['collective'] }, reason: 'The community uses its own data for its own benefit.' },
    { id: 'research', effect: 'vote', target: { purposes: RESEARCH, recipients: ['academic', 'non_profit', 'public_body'] }, constraints: { maxDurationDays: 365 }, reason: 'Researchers work with us, not on us: the community votes and the elders may refuse.' },
    { id: 'press', effect: 'vote', target: { purposes: ['dpv:PublicBenefit', 'stw:Campaigning'], recipients: ['journalist'] }, constraints: { maxDurationDays: 90 }, reason: 'Our stories are told with our agreement.' },
    { id: 'commercial-research', effect: 'vote', target: { purposes: ['dpv:CommercialResearch'], recipients: ['commercial'] }, constraints: { maxDurationDays: 180, minPriceMinor: 1_000_000, currency: 'CAD' }, reason: 'A company may learn from our data only if the community agrees and it pays the community fairly.' },
  ],
  otherwise: 'prohibit',
  minCohort: 25,
  privacy: { maxRhoMicroPerRequest: 50_000, maxRhoMicroPerMemberPerPeriod: 500_000, periodDays: 365 },
  priceFloors: [{ recipients: ['commercial'], currency: 'CAD', minPriceMinor: 1_000_000 }],
  decisions: {
    access_request: supermajority(r(2, 3), r(1, 2), 30),
    charter_amendment: supermajority(r(3, 4), r(1, 2), 30),
    revenue_distribution: consent(r(1, 3), 14),
    motion: consent(r(1, 3), 14),
  },
  vetoes: [{ holder: 'Elders’ council', members: { userIds: [] }, kinds: ['access_request', 'charter_amendment'] }],
  delegation: { allowed: false },
  revenue: { rule: 'equal', treasuryShare: r(1, 2) },
};

export type StarterCharterKind = 'union' | 'drivers_cooperative' | 'health_cooperative' | 'indigenous_data_governance';

/** Frozen all the way down, so no caller can change a starter for everyone by accident. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A starter charter per kind of collective (frozen: copy with structuredClone before editing). */
export const STARTER_CHARTERS: Readonly<Record<StarterCharterKind, Charter>> = deepFreeze({
  union,
  drivers_cooperative: driversCooperative,
  health_cooperative: healthCooperative,
  indigenous_data_governance: indigenousDataGovernance,
});
