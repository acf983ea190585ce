/** Collective governance (rules G1–G3), pure: the charter, the policy evaluator, votes and proposals. */
export * from './types.ts';
export { ratioText, percentText } from './ratio.ts';
export * from './charter.ts';
export * from './starters.ts';
export * from './diff.ts';
export * from './describe.ts';
export { moneyText, rhoText, targetText, decisionRuleText, DECISION_KIND_TEXT } from './words.ts';
export * from './evaluate.ts';
export * from './voting/index.ts';
export * from './proposal.ts';
export * from './log-record.ts';
