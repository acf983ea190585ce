import { ValidationError } from '../errors.ts';
import { decisionRule, currency, integer, isDecisionKind, isObject, isRecipient, oneOf, ratio, target, text, uniqueList, type Issues } from './charter-fields.ts';
import { CHARTER_KINDS, DECISION_KINDS, REVENUE_RULES, type Charter, type DecisionKind, type DecisionRule, type PolicyRule, type VetoRight } from './types.ts';

/**
 * Validates a charter document as a steward drafts it or a proposal amends it. Every problem is
 * named by its path (`rules.2.target.purposes.0`, `decisions.motion.quorum`) so the editor can
 * show it beside the right control. The result is a clean copy holding only known fields, in a
 * fixed order, so stored charters, their digests and their diffs are stable.
 */

/** Rule ids the evaluator uses for charter-wide limits; a rule may not take them. */
const RESERVED_RULE_IDS = new Set(['otherwise']);
const RULE_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
const MAX_RULES = 200;
const MAX_VETOES = 20;
const MAX_FLOORS = 50;
const EFFECTS = ['permit', 'prohibit', 'vote'] as const;

/** Returns the cleaned charter, or throws ValidationError naming every bad field. */
export function validateCharter(input: unknown): Charter {
  if (!isObject(input)) throw ValidationError.field('charter', 'must be a charter document (a JSON object)');
  const issues: Issues = [];
  if (input.format !== 1) issues.push({ field: 'format', message: 'must be 1 (the only charter format so far)' });
  const kind = oneOf(input.kind, CHARTER_KINDS, 'kind', issues);
  const title = text(input.title, 'title', 200, issues);
  const preamble = text(input.preamble, 'preamble', 5000, issues, false);
  const rules = policyRules(input.rules, issues);
  const otherwise = oneOf(input.otherwise, ['vote', 'prohibit'] as const, 'otherwise', issues);
  const minCohort = integer(input.minCohort, 'minCohort', 2, 1_000_000, issues);
  const privacy = privacyLimits(input.privacy, issues);
  const priceFloors = floors(input.priceFloors, issues);
  const decisions = decisionRules(input.decisions, issues);
  const vetoes = vetoRights(input.vetoes, issues);
  let delegation: Charter['delegation'] | undefined;
  if (!isObject(input.delegation) || typeof input.delegation.allowed !== 'boolean') issues.push({ field: 'delegation.allowed', message: 'must be true or false' });
  else delegation = { allowed: input.delegation.allowed };
  const revenue = revenueSplit(input.revenue, issues);

  if (issues.length > 0) throw new ValidationError(issues);
  return {
    format: 1,
    kind: kind!,
    title: title!,
    preamble: preamble!,
    rules: rules!,
    otherwise: otherwise!,
    minCohort: minCohort!,
    privacy: privacy!,
    priceFloors: priceFloors!,
    decisions: decisions!,
    vetoes: vetoes!,
    delegation: delegation!,
    revenue: revenue!,
  };
}

function policyRules(value: unknown, issues: Issues): PolicyRule[] | undefined {
  if (!Array.isArray(value) || value.length > MAX_RULES) {
    issues.push({ field: 'rules', message: `must be a list of at most ${MAX_RULES} rules` });
    return undefined;
  }
  const ids = new Set<string>();
  const out: PolicyRule[] = [];
  value.forEach((raw: unknown, i) => {
    const rule = policyRule(raw, `rules.${i}`, issues);
    // Decisions quote the rule id, so two rules with one id would make a decision ambiguous.
    const id = isObject(raw) && typeof raw.id === 'string' && RULE_ID.test(raw.id) ? raw.id : undefined;
    if (id !== undefined && ids.has(id)) issues.push({ field: `rules.${i}.id`, message: `another rule already has the id "${id}"` });
    if (id !== undefined) ids.add(id);
    if (rule) out.push(rule);
  });
  return out;
}

function policyRule(raw: unknown, at: string, issues: Issues): PolicyRule | undefined {
  if (!isObject(raw)) {
    issues.push({ field: at, message: 'must be an object' });
    return undefined;
  }
  const before = issues.length;
  let id: string | undefined;
  if (typeof raw.id !== 'string' || !RULE_ID.test(raw.id)) issues.push({ field: `${at}.id`, message: 'use 1–64 lower-case letters, digits, dots, hyphens or underscores' });
  else if (RESERVED_RULE_IDS.has(raw.id)) issues.push({ field: `${at}.id`, message: `"${raw.id}" is reserved` });
  else id = raw.id;
  const effect = oneOf(raw.effect, EFFECTS, `${at}.effect`, issues);
  const t = target(raw.target, `${at}.target`, issues);
  let decision: DecisionKind | undefined;
  if (raw.decision !== undefined) {
    if (effect !== undefined && effect !== 'vote') issues.push({ field: `${at}.decision`, message: 'only a vote rule names a decision' });
    else decision = oneOf(raw.decision, DECISION_KINDS, `${at}.decision`, issues);
  }
  const constraints = raw.constraints === undefined ? undefined : ruleConstraints(raw.constraints, effect, `${at}.constraints`, issues);
  const reason = text(raw.reason, `${at}.reason`, 500, issues);
  if (issues.length > before || !id || !effect || !t || !reason) return undefined;
  // Built key by key so optional fields are absent, not undefined, and the order stays fixed.
  const rule: PolicyRule = { id, effect, target: t, reason };
  if (decision) rule.decision = decision;
  if (constraints) rule.constraints = constraints;
  return rule;
}

function ruleConstraints(raw: unknown, effect: PolicyRule['effect'] | undefined, at: string, issues: Issues): PolicyRule['constraints'] {
  if (effect === 'prohibit') {
    issues.push({ field: at, message: 'a prohibition has no constraints: it forbids outright' });
    return undefined;
  }
  if (!isObject(raw)) {
    issues.push({ field: at, message: 'must be an object' });
    return undefined;
  }
  const out: NonNullable<PolicyRule['constraints']> = {};
  if (raw.maxDurationDays !== undefined) out.maxDurationDays = integer(raw.maxDurationDays, `${at}.maxDurationDays`, 1, 3650, issues);
  if (raw.minPriceMinor !== undefined) {
    out.minPriceMinor = integer(raw.minPriceMinor, `${at}.minPriceMinor`, 0, Number.MAX_SAFE_INTEGER, issues);
    // A price without a currency cannot be compared with an offer.
    if (raw.currency === undefined) issues.push({ field: `${at}.currency`, message: 'a minimum price needs its currency' });
  }
  if (raw.currency !== undefined) {
    if (raw.minPriceMinor === undefined) issues.push({ field: `${at}.currency`, message: 'a currency is only used with minPriceMinor' });
    else out.currency = currency(raw.currency, `${at}.currency`, issues);
  }
  return out;
}

function privacyLimits(raw: unknown, issues: Issues): Charter['privacy'] | undefined {
  if (!isObject(raw)) {
    issues.push({ field: 'privacy', message: 'must set maxRhoMicroPerRequest, maxRhoMicroPerMemberPerPeriod and periodDays' });
    return undefined;
  }
  const perRequest = integer(raw.maxRhoMicroPerRequest, 'privacy.maxRhoMicroPerRequest', 0, Number.MAX_SAFE_INTEGER, issues);
  const perMember = integer(raw.maxRhoMicroPerMemberPerPeriod, 'privacy.maxRhoMicroPerMemberPerPeriod', 0, Number.MAX_SAFE_INTEGER, issues);
  const periodDays = integer(raw.periodDays, 'privacy.periodDays', 1, 3650, issues);
  // A request larger than a member's whole budget could never use anyone's data in full.
  if (perRequest !== undefined && perMember !== undefined && perRequest > perMember) {
    issues.push({ field: 'privacy.maxRhoMicroPerRequest', message: 'must not be more than privacy.maxRhoMicroPerMemberPerPeriod' });
  }
  if (perRequest === undefined || perMember === undefined || periodDays === undefined) return undefined;
  return { maxRhoMicroPerRequest: perRequest, maxRhoMicroPerMemberPerPeriod: perMember, periodDays };
}

function floors(raw: unknown, issues: Issues): Charter['priceFloors'] | undefined {
  if (!Array.isArray(raw) || raw.length > MAX_FLOORS) {
    issues.push({ field: 'priceFloors', message: `must be a list of at most ${MAX_FLOORS} price floors (it may be empty)` });
    return undefined;
  }
  const seen = new Map<string, number>();
  const out: Charter['priceFloors'] = [];
  raw.forEach((f: unknown, i) => {
    const at = `priceFloors.${i}`;
    if (!isObject(f)) {
      issues.push({ field: at, message: 'must be an object' });
      return;
    }
    const recipients = uniqueList(f.recipients, `${at}.recipients`, isRecipient, 'recipient category', issues);
    const cur = currency(f.currency, `${at}.currency`, issues);
    const min = integer(f.minPriceMinor, `${at}.minPriceMinor`, 0, Number.MAX_SAFE_INTEGER, issues);
    if (!recipients || !cur || min === undefined) return;
    // Two floors for one recipient and currency would leave readers guessing which one holds.
    for (const r of recipients) {
      const other = seen.get(`${r} ${cur}`);
      if (other !== undefined) issues.push({ field: `${at}.recipients`, message: `${r} already has a price floor in ${cur} (priceFloors.${other})` });
      else seen.set(`${r} ${cur}`, i);
    }
    out.push({ recipients, currency: cur, minPriceMinor: min });
  });
  return out;
}

function decisionRules(raw: unknown, issues: Issues): Record<DecisionKind, DecisionRule> | undefined {
  if (!isObject(raw)) {
    issues.push({ field: 'decisions', message: `must say how each decision is taken: ${DECISION_KINDS.join(', ')}` });
    return undefined;
  }
  const before = issues.length;
  for (const key of Object.keys(raw)) if (!isDecisionKind(key)) issues.push({ field: `decisions.${key}`, message: 'not a kind of decision' });
  const out: Partial<Record<DecisionKind, DecisionRule>> = {};
  for (const kind of DECISION_KINDS) out[kind] = decisionRule(raw[kind], `decisions.${kind}`, issues);
  return issues.length > before ? undefined : (out as Record<DecisionKind, DecisionRule>);
}

function vetoRights(raw: unknown, issues: Issues): VetoRight[] | undefined {
  if (!Array.isArray(raw) || raw.length > MAX_VETOES) {
    issues.push({ field: 'vetoes', message: `must be a list of at most ${MAX_VETOES} veto rights (it may be empty)` });
    return undefined;
  }
  const out: VetoRight[] = [];
  raw.forEach((v: unknown, i) => {
    const at = `vetoes.${i}`;
    if (!isObject(v)) {
      issues.push({ field: at, message: 'must be an object' });
      return;
    }
    const holder = text(v.holder, `${at}.holder`, 100, issues);
    const members = vetoMembers(v.members, `${at}.members`, issues);
    const kinds = uniqueList(v.kinds, `${at}.kinds`, isDecisionKind, 'kind of decision', issues);
    const t = v.target === undefined ? undefined : target(v.target, `${at}.target`, issues);
    if (!holder || !members || !kinds || (v.target !== undefined && !t)) return;
    out.push(t ? { holder, members, kinds, target: t } : { holder, members, kinds });
  });
  return out;
}

/**
 * Who sits on a veto body. An empty list of user ids is allowed so a starter charter can name the
 * body before the collective names its members; describeCharter says so plainly.
 */
function vetoMembers(raw: unknown, at: string, issues: Issues): VetoRight['members'] | undefined {
  if (isObject(raw) && raw.role !== undefined) {
    const role = oneOf(raw.role, ['steward', 'auditor'] as const, `${at}.role`, issues);
    return role && { role };
  }
  if (!isObject(raw) || !Array.isArray(raw.userIds)) {
    issues.push({ field: at, message: 'must be { role: "steward" | "auditor" } or { userIds: [...] }' });
    return undefined;
  }
  const seen = new Set<string>();
  const before = issues.length;
  raw.userIds.forEach((u: unknown, j) => {
    if (typeof u !== 'string' || u === '' || u.length > 100) issues.push({ field: `${at}.userIds.${j}`, message: 'must be a user id' });
    else if (seen.has(u)) issues.push({ field: `${at}.userIds.${j}`, message: 'listed twice' });
    else seen.add(u);
  });
  return issues.length > before ? undefined : { userIds: [...seen] };
}

function revenueSplit(raw: unknown, issues: Issues): Charter['revenue'] | undefined {
  if (!isObject(raw)) {
    issues.push({ field: 'revenue', message: 'must set rule and treasuryShare' });
    return undefined;
  }
  const rule = oneOf(raw.rule, REVENUE_RULES, 'revenue.rule', issues);
  const treasuryShare = ratio(raw.treasuryShare, 'revenue.treasuryShare', issues);
  return rule && treasuryShare && { rule, treasuryShare };
}
