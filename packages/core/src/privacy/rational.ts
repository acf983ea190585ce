/**
 * Exact rational numbers on BigInt, for privacy parameters (ε, ρ, σ², scales, δ). Sampling and
 * accounting never touch floating point (rule P4), so every parameter is a ratio of integers.
 *
 * Choice: `Rational` holds `bigint` numerator and denominator (den > 0). Build one with
 * `rational(3, 2)` (numbers must be safe integers) or from a decimal with `decimal('0.001')`.
 */
export interface Rational {
  num: bigint;
  den: bigint;
}

const abs = (x: bigint): bigint => (x < 0n ? -x : x);

/** Greatest common divisor of |a| and |b| (gcd(0, 0) = 0). */
export function gcd(a: bigint, b: bigint): bigint {
  a = abs(a);
  b = abs(b);
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

function toBig(x: bigint | number, what: string): bigint {
  if (typeof x === 'bigint') return x;
  if (!Number.isSafeInteger(x)) throw new RangeError(`${what} must be an integer, got ${x}`);
  return BigInt(x);
}

/** num/den in lowest terms with a positive denominator. */
export function rational(num: bigint | number, den: bigint | number = 1n): Rational {
  let n = toBig(num, 'numerator');
  let d = toBig(den, 'denominator');
  if (d === 0n) throw new RangeError('denominator must not be zero');
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  const g = gcd(n, d);
  return g > 1n ? { num: n / g, den: d / g } : { num: n, den: d };
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$|^([+-]?)\.(\d+)(?:[eE]([+-]?\d+))?$/;

/**
 * The exact value of a decimal written in base 10 (`'0.001'`, `'1e-7'`, or a JS number, read
 * through its shortest decimal form, so `decimal(0.1)` is exactly 1/10). Undefined for junk.
 */
export function tryDecimal(x: string | number): Rational | undefined {
  if (typeof x === 'number' && !Number.isFinite(x)) return undefined;
  const s = typeof x === 'number' ? String(x) : x.trim();
  if (s.length === 0 || s.length > 64) return undefined;
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const sign = m[1] ?? m[5] ?? '';
  const whole = m[2] ?? '0';
  const frac = m[3] ?? m[6] ?? '';
  const exp = Number(m[4] ?? m[7] ?? '0');
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return undefined;
  let num = BigInt(whole + frac);
  let den = 10n ** BigInt(frac.length);
  if (exp >= 0) num *= 10n ** BigInt(exp);
  else den *= 10n ** BigInt(-exp);
  if (sign === '-') num = -num;
  return rational(num, den);
}

/** Like `tryDecimal`, but throws a RangeError for something that is not a decimal number. */
export function decimal(x: string | number): Rational {
  const r = tryDecimal(x);
  if (!r) throw new RangeError(`not a decimal number: ${String(x)}`);
  return r;
}

export const ZERO: Rational = { num: 0n, den: 1n };
export const ONE: Rational = { num: 1n, den: 1n };

export const add = (a: Rational, b: Rational): Rational => rational(a.num * b.den + b.num * a.den, a.den * b.den);
export const sub = (a: Rational, b: Rational): Rational => rational(a.num * b.den - b.num * a.den, a.den * b.den);
export const mul = (a: Rational, b: Rational): Rational => rational(a.num * b.num, a.den * b.den);
export function div(a: Rational, b: Rational): Rational {
  if (b.num === 0n) throw new RangeError('division by zero');
  return rational(a.num * b.den, a.den * b.num);
}
/** Negative, zero or positive as a < b, a = b, a > b. */
export const compare = (a: Rational, b: Rational): number => {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
};
export const isPositive = (a: Rational): boolean => a.num > 0n && a.den > 0n;

/** ⌊a/b⌋ for integers, rounding toward −∞ (BigInt `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}
/** ⌈a/b⌉ for integers. */
export const ceilDiv = (a: bigint, b: bigint): bigint => -floorDiv(-a, b);

/** ⌊√n⌋ for n ≥ 0, exactly (Newton's method on integers). */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('square root of a negative number');
  if (n < 2n) return n;
  let x = 1n << (BigInt(n.toString(2).length + 1) >> 1n);
  for (;;) {
    const y = (x + n / x) >> 1n;
    if (y >= x) return x;
    x = y;
  }
}

/**
 * A rational b with b ≤ eˣ (x ≥ 0) and eˣ − b < 2⁻⁸⁰·eˣ·(1 + terms): the Taylor series, every
 * partial sum of which is below eˣ, each term rounded down on a 2⁻⁸⁰ grid. Lower bounds keep the
 * privacy mechanisms that use it conservative (a smaller e^ε means a stricter guarantee).
 */
export function expLowerBound(x: Rational): Rational {
  if (x.num < 0n) throw new RangeError('expLowerBound needs x ≥ 0');
  const scale = 1n << 80n;
  let term = scale;
  let sum = 0n;
  for (let j = 1n; term > 0n; j++) {
    sum += term;
    term = (term * x.num) / (x.den * j);
  }
  return rational(sum, scale);
}

/** Exact decimal text of a rational, if it has one with at most `maxDigits` decimals; else ≈ digits. */
export function rationalText(r: Rational, maxDigits = 12): string {
  const sign = r.num < 0n ? '-' : '';
  const n = abs(r.num);
  const whole = n / r.den;
  let rem = n % r.den;
  let digits = '';
  for (let i = 0; i < maxDigits && rem !== 0n; i++) {
    rem *= 10n;
    digits += String(rem / r.den);
    rem %= r.den;
  }
  const approx = rem !== 0n ? '≈' : '';
  return `${approx}${sign}${whole}${digits ? '.' + digits : ''}`;
}
