import { ValidationError, type FieldIssue } from '../errors.ts';
import { isPurposeId } from '../consent/vocabulary.ts';
import { isObject, isRecipient } from './charter-fields.ts';
import { DECISION_KIND_TEXT, daysText, decisionRuleText, moneyText, purposeText, recipientText, rhoText, targetText } from './words.ts';
import type { AccessRequestTerms, Charter, DecisionKind, PolicyDecision, PolicyRule, PolicyTarget, VetoRight } from './types.ts';

/**
 * The policy evaluator (rule G1, first key): given a validated charter and a request, says whether
 * it is allowed, needs a vote of some kind, or is forbidden, with the rule that decided and a
 * reason in plain words. Pure and deterministic; every access decision of the app goes through it.
 *
 * Order: (a) the first prohibition that matches; (b) the charter-wide limits (privacy budget per
 * request, price floors); (c) the first permit or vote rule that matches, with its constraints;
 * (d) the charter's `otherwise`.
 *
 * Matching datasets is deliberately asymmetric. A prohibition (and a veto right) applies when the
 * request touches ANY dataset it lists: adding harmless data must never dodge a ban. A permit or
 * vote rule applies only when it covers EVERY requested dataset: a permit for survey data must not
 * let health data through alongside it.
 */

const CURRENCY = /^[A-Z]{3}$/;

/** Checks request terms as they arrive; throws ValidationError naming every bad field. */
export function validateRequestTerms(input: unknown): AccessRequestTerms {
  if (!isObject(input)) throw ValidationError.field('request', 'must be an object');
  const issues: FieldIssue[] = [];
  if (!isPurposeId(input.purpose)) issues.push({ field: 'purpose', message: 'not a known purpose' });
  if (!isRecipient(input.recipient)) issues.push({ field: 'recipient', message: 'not a known recipient category' });
  if (!Array.isArray(input.datasets) || input.datasets.length === 0) issues.push({ field: 'datasets', message: 'ask for at least one dataset' });
  else input.datasets.forEach((d: unknown, i) => {
    if (typeof d !== 'string' || d === '') issues.push({ field: `datasets.${i}`, message: 'must be a dataset name or slug' });
  });
  if (!Number.isSafeInteger(input.rhoMicro) || (input.rhoMicro as number) < 1) issues.push({ field: 'rhoMicro', message: 'must be a whole number of micro-ρ, at least 1' });
  const price = isObject(input.price) ? input.price : {};
  if (!Number.isSafeInteger(price.amountMinor) || (price.amountMinor as number) < 0) issues.push({ field: 'price.amountMinor', message: 'must be a whole number of minor units (cents), 0 or more' });
  if (typeof price.currency !== 'string' || !CURRENCY.test(price.currency)) issues.push({ field: 'price.currency', message: 'must be a currency code such as EUR' });
  if (!Number.isSafeInteger(input.durationDays) || (input.durationDays as number) < 1) issues.push({ field: 'durationDays', message: 'must be a whole number of days, at least 1' });
  if (issues.length > 0) throw new ValidationError(issues);
  return {
    purpose: input.purpose as string,
    recipient: input.recipient as AccessRequestTerms['recipient'],
    datasets: [...new Set(input.datasets as string[])],
    rhoMicro: input.rhoMicro as number,
    price: { amountMinor: price.amountMinor as number, currency: price.currency as string },
    durationDays: input.durationDays as number,
  };
}

/** Whether a prohibition or veto target applies: every listed dimension matches, datasets by overlap. */
export function targetTouches(t: PolicyTarget, request: AccessRequestTerms): boolean {
  return (
    (!t.purposes || t.purposes.includes(request.purpose)) &&
    (!t.recipients || t.recipients.includes(request.recipient)) &&
    (!t.datasets || request.datasets.some((d) => t.datasets!.includes(d)))
  );
}

/** Whether a permit or vote target covers the request: every listed dimension matches, every dataset in the list. */
export function targetCovers(t: PolicyTarget, request: AccessRequestTerms): boolean {
  return (
    (!t.purposes || t.purposes.includes(request.purpose)) &&
    (!t.recipients || t.recipients.includes(request.recipient)) &&
    (!t.datasets || request.datasets.every((d) => t.datasets!.includes(d)))
  );
}

const useText = (r: AccessRequestTerms): string => `${purposeText(r.purpose)} by ${recipientText(r.recipient).toLowerCase()}`;

/** The first broken constraint of a permit or vote rule, in words, or undefined. */
function brokenConstraint(rule: PolicyRule, r: AccessRequestTerms): string | undefined {
  const c = rule.constraints;
  if (!c) return undefined;
  if (c.maxDurationDays !== undefined && r.durationDays > c.maxDurationDays) {
    return `This use may last at most ${daysText(c.maxDurationDays)}; the request asks for ${daysText(r.durationDays)}.`;
  }
  if (c.minPriceMinor !== undefined && c.currency !== undefined) {
    if (r.price.currency !== c.currency) return `This use must be paid in ${c.currency}, at least ${moneyText(c.minPriceMinor, c.currency)}; the request offers ${r.price.currency}.`;
    if (r.price.amountMinor < c.minPriceMinor) return `This use costs at least ${moneyText(c.minPriceMinor, c.currency)}; the request offers ${moneyText(r.price.amountMinor, r.price.currency)}.`;
  }
  return undefined;
}

/** The price-floor check: a floor for the recipient in the request's currency, or none in it at all. */
function priceFloorDecision(charter: Charter, r: AccessRequestTerms): PolicyDecision | undefined {
  const floors = charter.priceFloors.map((f, i) => ({ f, i })).filter(({ f }) => f.recipients.includes(r.recipient));
  if (floors.length === 0) return undefined;
  const inCurrency = floors.find(({ f }) => f.currency === r.price.currency);
  const who = recipientText(r.recipient);
  if (!inCurrency) {
    // Without an exchange rate a floor cannot be compared; refusing keeps the floor from being dodged.
    const first = floors[0]!;
    const currencies = [...new Set(floors.map(({ f }) => f.currency))].join(', ');
    return { outcome: 'forbidden', rule: `priceFloors.${first.i}`, reason: `${who} must pay in ${currencies}: the charter sets no price in ${r.price.currency}.` };
  }
  if (r.price.amountMinor < inCurrency.f.minPriceMinor) {
    return {
      outcome: 'forbidden',
      rule: `priceFloors.${inCurrency.i}`,
      reason: `${who} must pay at least ${moneyText(inCurrency.f.minPriceMinor, inCurrency.f.currency)} per request; this request offers ${moneyText(r.price.amountMinor, r.price.currency)}.`,
    };
  }
  return undefined;
}

function voteDecision(charter: Charter, decision: DecisionKind, rule: string, why: string): PolicyDecision {
  const how = decisionRuleText(charter.decisions[decision]);
  return { outcome: 'vote', decision, rule, reason: `Needs a vote (${DECISION_KIND_TEXT[decision].toLowerCase()}: ${how}). ${why}` };
}

/** Allowed, vote of kind X, or forbidden, with the deciding rule id and a plain-language reason. */
export function evaluateRequest(charter: Charter, request: AccessRequestTerms): PolicyDecision {
  const r = validateRequestTerms(request);

  const ban = charter.rules.find((rule) => rule.effect === 'prohibit' && targetTouches(rule.target, r));
  if (ban) return { outcome: 'forbidden', rule: ban.id, reason: `Never allowed (${targetText(ban.target)}): ${ban.reason}` };

  const max = charter.privacy.maxRhoMicroPerRequest;
  if (r.rhoMicro > max) {
    return {
      outcome: 'forbidden',
      rule: 'privacy.maxRhoMicroPerRequest',
      reason: `A request may use at most ${rhoText(max)} of privacy budget (${max} micro-ρ); this one asks for ${rhoText(r.rhoMicro)} (${r.rhoMicro} micro-ρ).`,
    };
  }
  const floor = priceFloorDecision(charter, r);
  if (floor) return floor;

  const rule = charter.rules.find((x) => x.effect !== 'prohibit' && targetCovers(x.target, r));
  if (rule) {
    const broken = brokenConstraint(rule, r);
    if (broken) return { outcome: 'forbidden', rule: rule.id, reason: `${broken} ${rule.reason}` };
    if (rule.effect === 'permit') return { outcome: 'allowed', rule: rule.id, reason: `Allowed without a vote: ${rule.reason}` };
    return voteDecision(charter, rule.decision ?? 'access_request', rule.id, rule.reason);
  }

  const none = `No rule of the charter covers ${useText(r)} using ${r.datasets.join(', ')}`;
  if (charter.otherwise === 'prohibit') return { outcome: 'forbidden', rule: 'otherwise', reason: `${none}, and the charter forbids anything it does not allow.` };
  return voteDecision(charter, 'access_request', 'otherwise', `${none}, so members decide.`);
}

/**
 * The veto rights that apply to a proposal of `kind`. A right's target narrows it only for access
 * requests (the only proposals with terms to compare); over other kinds it applies whenever the
 * kind is listed, because leaving a body without its veto is the unsafe mistake.
 */
export function applicableVetoRights(charter: Charter, kind: DecisionKind, request?: AccessRequestTerms): VetoRight[] {
  return charter.vetoes.filter((v) => v.kinds.includes(kind) && (!v.target || !request || targetTouches(v.target, request)));
}
