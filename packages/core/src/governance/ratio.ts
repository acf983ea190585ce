import type { Ratio } from './types.ts';

/**
 * Exact ratio arithmetic for quorums and thresholds. Comparisons cross-multiply in BigInt, so a
 * tally never depends on floating point (rule G3: anyone recomputing gets the same answer).
 */

/** Whether part / whole ≥ r, exactly. */
export function atLeast(part: number, whole: number, r: Ratio): boolean {
  return BigInt(part) * BigInt(r.den) >= BigInt(r.num) * BigInt(whole);
}

/** Whether part / whole > r, exactly. */
export function moreThan(part: number, whole: number, r: Ratio): boolean {
  return BigInt(part) * BigInt(r.den) > BigInt(r.num) * BigInt(whole);
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

const GLYPHS: Record<string, string> = {
  '1/2': '½', '1/3': '⅓', '2/3': '⅔', '1/4': '¼', '3/4': '¾', '1/5': '⅕', '2/5': '⅖', '3/5': '⅗', '4/5': '⅘',
  '1/6': '⅙', '5/6': '⅚', '1/7': '⅐', '1/8': '⅛', '3/8': '⅜', '5/8': '⅝', '7/8': '⅞', '1/9': '⅑', '1/10': '⅒',
};

/** A share as a percentage for people, e.g. 2 of 3 → "66.7%", 1 of 5 → "20%" (display only). */
export function percentText(part: number, whole: number): string {
  if (whole === 0) return '0%';
  const tenths = Math.round((part * 1000) / whole);
  return tenths % 10 === 0 ? `${tenths / 10}%` : `${(tenths / 10).toFixed(1)}%`;
}

/** A ratio for people: { 2, 3 } → "⅔ (66.7%)", { 3, 10 } → "3/10 (30%)". */
export function ratioText(r: Ratio): string {
  const g = gcd(r.num, r.den) || 1;
  const num = r.num / g;
  const den = r.den / g;
  const fraction = den === 1 ? String(num) : (GLYPHS[`${num}/${den}`] ?? `${num}/${den}`);
  return `${fraction} (${percentText(r.num, r.den)})`;
}
