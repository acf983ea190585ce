/**
 * Uber payment lines → canonical pay kinds. The export labels each line with a dotted
 * `classification` (e.g. `transport.fare.driver_upfront_fare`, `intermediary.commission`,
 * `delivery.courier.tax.vat`) and a `category` that is sometimes empty. Rules are tried in order;
 * a new label is one more line here.
 */
export type PayKind = 'fare' | 'tip' | 'bonus' | 'commission' | 'tax' | 'fee' | 'adjustment' | 'payout' | 'other';

const RULES: ReadonlyArray<[RegExp, PayKind]> = [
  [/(^|[._ ])tips?($|[._ ])/, 'tip'],
  [/(^|[._ ])(tax|vat|gst|hst)($|[._ ])/, 'tax'],
  [/commission|service_fee$|^intermediary\.fee/, 'commission'],
  [/fraud|holdback|adjust|correction|refund|reimburs|chargeback/, 'adjustment'],
  [/promotion|incentive|quest|boost|bonus|referral|guarantee/, 'bonus'],
  [/payout|cash_?out|transfer|instant_pay/, 'payout'],
  [/^(transport|delivery)\.fare\b|^(transport|delivery)\.charges?\b|driver_payment_(fares|charges)/, 'fare'],
  [/toll|fee|surcharge/, 'fee'],
  [/fare|trip_earnings|earnings/, 'fare'],
];

export function payKind(classification: string, category: string): PayKind | null {
  const labels = [classification, category].map((s) => s.trim().toLowerCase()).filter((s) => s !== '');
  for (const label of labels) {
    for (const [pattern, kind] of RULES) if (pattern.test(label)) return kind;
  }
  return null;
}
