import { ratioText } from './ratio.ts';
import { DECISION_KIND_TEXT, andList, daysText, decisionRuleText, moneyText, recipientText, rhoText, targetText } from './words.ts';
import { DECISION_KINDS, type Charter, type PolicyRule, type RevenueRule, type VetoRight } from './types.ts';

/**
 * The charter in plain language, one line per rule or setting, shown beside its JSON so every
 * member can read what the collective agreed without reading code.
 */

function constraintsText(rule: PolicyRule): string {
  const c = rule.constraints;
  const parts: string[] = [];
  if (c?.maxDurationDays !== undefined) parts.push(`for at most ${daysText(c.maxDurationDays)}`);
  if (c?.minPriceMinor !== undefined && c.currency) parts.push(`paying at least ${moneyText(c.minPriceMinor, c.currency)}`);
  return parts.length > 0 ? `, ${parts.join(', ')}` : '';
}

function ruleLine(rule: PolicyRule, charter: Charter): string {
  const what = targetText(rule.target);
  switch (rule.effect) {
    case 'prohibit':
      return `${what}: never allowed — ${rule.reason}`;
    case 'permit':
      return `${what}: allowed without a vote${constraintsText(rule)} — ${rule.reason}`;
    case 'vote':
      return `${what}: needs a vote, ${decisionRuleText(charter.decisions[rule.decision ?? 'access_request'])}${constraintsText(rule)} — ${rule.reason}`;
  }
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function vetoLine(v: VetoRight): string {
  const over = andList(v.kinds.map((k) => DECISION_KIND_TEXT[k].toLowerCase()));
  const touching = v.target ? ` when they concern ${lowerFirst(targetText(v.target))}` : '';
  const who = 'role' in v.members ? `the collective's ${v.members.role}s` : v.members.userIds.length === 0 ? 'no members named yet — name them before adopting this charter' : `${v.members.userIds.length} named member${v.members.userIds.length === 1 ? '' : 's'}`;
  return `Veto: ${v.holder} (${who}) can stop ${over}${touching}, with a stated reason, while the vote is open.`;
}

const REVENUE_TEXT: Record<RevenueRule, string> = {
  equal: 'shared equally among the members whose data was used',
  proportional: 'shared in proportion to how much of each member’s data was used',
  usage_weighted: 'shared by how often each member’s data was used',
  shapley: 'shared by each member’s contribution to the result (Shapley values)',
};

/** Plain-language lines a member understands, in the charter's order. */
export function describeCharter(charter: Charter): string[] {
  const lines = charter.rules.map((rule) => ruleLine(rule, charter));
  lines.push(
    charter.otherwise === 'prohibit'
      ? 'Anything else: never allowed — whatever this charter does not allow is forbidden.'
      : `Anything else: needs a vote, ${decisionRuleText(charter.decisions.access_request)}.`,
  );
  for (const f of charter.priceFloors) lines.push(`Price floor: ${f.recipients.map((c) => recipientText(c).toLowerCase()).join(', ')} pay at least ${moneyText(f.minPriceMinor, f.currency)} per request.`);
  lines.push(`Smallest group any result may describe: ${charter.minCohort} members; smaller groups are left out.`);
  const p = charter.privacy;
  lines.push(`Privacy: one request may use at most ${rhoText(p.maxRhoMicroPerRequest)}; each member’s data at most ${rhoText(p.maxRhoMicroPerMemberPerPeriod)} every ${daysText(p.periodDays)}.`);
  for (const kind of DECISION_KINDS) lines.push(`${DECISION_KIND_TEXT[kind]}: ${decisionRuleText(charter.decisions[kind])}.`);
  for (const v of charter.vetoes) lines.push(vetoLine(v));
  lines.push(
    charter.delegation.allowed
      ? 'Delegation: a member may let another member vote for them, per topic, and take it back at any time; voting directly always counts instead.'
      : 'Delegation: not allowed; every member votes for themself.',
  );
  lines.push(`Revenue: ${ratioText(charter.revenue.treasuryShare)} goes to the collective’s treasury; the rest is ${REVENUE_TEXT[charter.revenue.rule]}.`);
  return lines;
}
