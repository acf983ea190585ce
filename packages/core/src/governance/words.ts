import { RECIPIENT_CATEGORY_INFO, purposeById } from '../consent/vocabulary.ts';
import type { PurposeId, RecipientCategory } from '../consent/types.ts';
import { ratioText } from './ratio.ts';
import type { DecisionKind, DecisionRule, PolicyTarget } from './types.ts';

/**
 * The words governance shows people: money, privacy budgets, uses of data, voting rules. Kept in
 * one place so the evaluator's reasons and the plain-language charter say things the same way.
 * Deterministic (no locale): the same charter reads the same on every machine.
 */

/** ISO 4217 currencies whose minor unit is not a hundredth. */
const MINOR_DIGITS: Record<string, number> = { JPY: 0, KRW: 0, ISK: 0, CLP: 0, VND: 0, XAF: 0, XOF: 0, UGX: 0, PYG: 0, BHD: 3, KWD: 3, OMR: 3, JOD: 3, TND: 3, IQD: 3, LYD: 3 };

const group = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** An amount in minor units, e.g. (500000, 'EUR') → "EUR 5,000.00". */
export function moneyText(amountMinor: number, currency: string): string {
  const digits = MINOR_DIGITS[currency] ?? 2;
  const sign = amountMinor < 0 ? '-' : '';
  const s = String(Math.abs(amountMinor)).padStart(digits + 1, '0');
  const major = group(s.slice(0, s.length - digits));
  return `${currency} ${sign}${major}${digits > 0 ? '.' + s.slice(s.length - digits) : ''}`;
}

/** A privacy budget in micro-ρ as ρ, exactly: 100000 → "ρ = 0.1". */
export function rhoText(micro: number): string {
  const whole = Math.floor(micro / 1_000_000);
  const frac = String(micro % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return `ρ = ${whole}${frac ? '.' + frac : ''}`;
}

export const daysText = (n: number): string => (n === 1 ? '1 day' : `${n} days`);

function joinList(items: readonly string[], word: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${word} ${items[items.length - 1]}`;
}
const orList = (items: readonly string[]): string => joinList(items, 'or');
export const andList = (items: readonly string[]): string => joinList(items, 'and');

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export const purposeText = (id: PurposeId): string => purposeById(id)?.label ?? id;
export const recipientText = (c: RecipientCategory): string => RECIPIENT_CATEGORY_INFO[c]?.label ?? c;

/** A use of data in words: "University research by universities or non-profits, using health_records"; "Any use of medications". */
export function targetText(t: PolicyTarget): string {
  const what = t.purposes ? orList(t.purposes.map(purposeText)) : 'Any use';
  const who = t.recipients ? ` by ${orList(t.recipients.map((c) => lowerFirst(recipientText(c))))}` : '';
  const which = !t.datasets ? '' : t.purposes || t.recipients ? `, using ${orList(t.datasets)}` : ` of ${orList(t.datasets)}`;
  return `${what}${who}${which}`;
}

export const DECISION_KIND_TEXT: Record<DecisionKind, string> = {
  access_request: 'Access requests',
  charter_amendment: 'Changes to this charter',
  revenue_distribution: 'Sharing out revenue',
  motion: 'Other motions',
};

/** How a vote is decided: "simple majority, at least ⅕ (20%) taking part, 7 days". */
export function decisionRuleText(rule: DecisionRule): string {
  const method = {
    majority: `simple majority (more than ${ratioText(rule.threshold)} of yes and no votes)`,
    supermajority: `supermajority (at least ${ratioText(rule.threshold)} of yes and no votes)`,
    consent: 'by consent (passes unless someone states a reasoned objection)',
    quadratic: `quadratic voting (${rule.voiceCredits ?? 0} voice credits each; n votes cost n²)`,
    schulze: 'ranked choice (Schulze method)',
  }[rule.method];
  return `${method}, at least ${ratioText(rule.quorum)} of members taking part, ${daysText(rule.votingPeriodDays)}`;
}
