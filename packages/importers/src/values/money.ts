/**
 * Decimal text → integer minor units, exactly: digits are handled as strings and BigInt, never
 * as floats (rule L1). `12.50`, `12,50`, `1 234,50`, `1,234.50`, `-4.25`, `(4.25)` are understood.
 */

const exponentCache = new Map<string, number>();
let knownCurrencies: Set<string> | null = null;

/** ISO 4217 minor-unit exponent (EUR 2, JPY 0, BHD 3), or null for an unknown code. */
export function currencyExponent(code: string): number | null {
  if (!/^[A-Z]{3}$/.test(code)) return null;
  const cached = exponentCache.get(code);
  if (cached !== undefined) return cached;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  if (!knownCurrencies.has(code)) return null;
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  exponentCache.set(code, digits);
  return digits;
}

export type DecimalSeparator = '.' | ',';

export interface ParsedDecimal {
  negative: boolean;
  /** Digits before the separator, no leading sign, at least "0". */
  whole: string;
  /** Digits after the separator (may be empty). */
  fraction: string;
}

const GROUPS = /^\d{1,3}([ ,.'\u00a0\u202f]\d{3})+$/;

/**
 * Splits a decimal string. With `decimal` given, the other separators are thousands groups;
 * without it, the last of `.`/`,` is the separator unless the number is only a list of
 * 3-digit groups, and a lone `1,234` is refused as ambiguous. Returns an error text on failure.
 */
export function parseDecimal(text: string, decimal?: DecimalSeparator): ParsedDecimal | string {
  let s = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (s === '') return 'is empty';
  let negative = false;
  if (s.startsWith('(') && s.endsWith(')')) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (/^[-+\u2212]/.test(s)) {
    negative = negative || s[0] !== '+';
    s = s.slice(1).trim();
  }
  if (/^[-+\u2212]/.test(s)) return 'has two signs';
  if (!/^[\d.,' ]+$/.test(s) || !/\d/.test(s)) return 'is not a decimal number';
  let sep: string | null = null;
  if (decimal) {
    sep = s.includes(decimal) ? decimal : null;
  } else {
    const lastDot = s.lastIndexOf('.');
    const lastComma = s.lastIndexOf(',');
    if (lastDot >= 0 && lastComma >= 0) sep = lastDot > lastComma ? '.' : ',';
    else if (lastDot >= 0 || lastComma >= 0) {
      const c = lastDot >= 0 ? '.' : ',';
      const count = s.split(c).length - 1;
      if (count > 1 && GROUPS.test(s)) sep = null;
      else if (count > 1) return 'has the decimal separator more than once';
      else if (c === ',' && /^\d{1,3},\d{3}$/.test(s)) return 'is ambiguous (is "," a decimal or a thousands separator?); set the decimal separator';
      else sep = c;
    }
  }
  let whole = s;
  let fraction = '';
  if (sep !== null) {
    const at = s.lastIndexOf(sep);
    whole = s.slice(0, at);
    fraction = s.slice(at + 1);
    if (s.indexOf(sep) !== at) return 'has the decimal separator more than once';
    if (!/^\d*$/.test(fraction)) return 'has separators after the decimal separator';
  }
  if (whole !== '' && !/^\d+$/.test(whole)) {
    if (!GROUPS.test(whole)) return 'has misplaced thousands separators';
    whole = whole.replace(/\D/g, '');
  }
  if (whole === '' && fraction === '') return 'is not a decimal number';
  whole = whole.replace(/^0+(?=\d)/, '') || '0';
  return { negative, whole, fraction };
}

export interface MinorUnits {
  minor: number;
  /** True when the text had more decimals than the currency has and was rounded (half to even). */
  rounded: boolean;
}

/** Exact decimal → minor units of `currency`; returns an error text when it cannot. */
export function toMinorUnits(text: string, currency: string, decimal?: DecimalSeparator): MinorUnits | string {
  const exp = currencyExponent(currency);
  if (exp === null) return `currency "${currency}" is not an ISO 4217 code`;
  const parsed = parseDecimal(text, decimal);
  if (typeof parsed === 'string') return parsed;
  const { negative, whole, fraction } = parsed;
  const kept = fraction.slice(0, exp).padEnd(exp, '0');
  let value = BigInt(whole + kept);
  const rest = fraction.slice(exp);
  let rounded = false;
  if (/[1-9]/.test(rest)) {
    rounded = true;
    const first = rest.charCodeAt(0) - 48;
    const tail = /[1-9]/.test(rest.slice(1));
    // Half to even: above half rounds up; exactly half rounds to the even neighbour.
    if (first > 5 || (first === 5 && (tail || value % 2n === 1n))) value += 1n;
  }
  if (negative) value = -value;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) return 'is too large an amount';
  const minor = Number(value);
  return { minor: Object.is(minor, -0) ? 0 : minor, rounded };
}

/** A plain (non-money) decimal as a JS number, for distances and coordinates. */
export function toNumber(text: string, decimal?: DecimalSeparator): number | string {
  const parsed = parseDecimal(text, decimal);
  if (typeof parsed === 'string') {
    // Machine-written floats such as 1.2e-5 are fine for measures (never for money).
    const t = text.trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
    return parsed;
  }
  const n = Number(`${parsed.negative ? '-' : ''}${parsed.whole}.${parsed.fraction || '0'}`);
  return Number.isFinite(n) ? n : 'is not a finite number';
}
