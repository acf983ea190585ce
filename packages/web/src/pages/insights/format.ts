import { formatDayRange, NONE, utcDay, type InsightsFigures, type InsightsMoney, type InsightsPeriod, type PeriodKind } from '../../lib/insights.ts';
import { formatMoney } from '../../lib/format.ts';

/** Words and numbers of the insights page (only this page needs them: they load with it). */

/** Time zones to choose from: every one the browser knows, with `keep` (the current choice) in. */
export function timeZoneOptions(keep: string): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    // an old browser: the current choice and UTC only
  }
  const all = new Set(zones);
  all.add('UTC');
  all.add(keep);
  return [...all].sort((a, b) => a.localeCompare(b));
}

/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** The API's limit on expensesPerKmMinor. */
const MAX_COST_MINOR = 1_000_000;

/**
 * The costs per km as typed ("0.12", "0,12", "€ 0.12") in minor units of `currency`: 12. Null
 * when empty; an error sentence when it cannot be read.
 */
export function parseCostPerKm(text: string, currency: string): { minor: number } | { error: string } | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '').replace(/^[^\d.,]+|[^\d.,]+$/g, '');
  if (text.trim() === '') return null;
  if (/[-−]/.test(text)) return { error: 'Costs cannot be below zero.' };
  const digits = currencyDigits(currency);
  const m = /^(\d{0,7})(?:[.,](\d*))?$/.exec(t);
  if (!m || (m[1] === '' && !m[2])) return { error: 'Enter an amount, for example 0.12.' };
  const fraction = m[2] ?? '';
  if (fraction.length > digits) return { error: digits === 0 ? `Enter a whole amount in ${currency}.` : `Use at most ${digits} digits after the decimal point.` };
  const minor = Number(m[1] || '0') * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor > MAX_COST_MINOR) return { error: `That is more than ${formatMoney(MAX_COST_MINOR, currency)} per km.` };
  return { minor };
}

/** waiting ÷ online: the unpaid share of the time logged in, or null without time online. */
export function waitingShare(f: InsightsFigures): number | null {
  return f.time.onlineSeconds > 0 ? f.time.waitingSeconds / f.time.onlineSeconds : null;
}

/** Fees, taxes, adjustments and other lines: the signed rest of net beyond fares, tips, bonuses and commission. */
export function otherPayMinor(m: InsightsMoney): number {
  return m.feesMinor + m.taxesMinor + m.adjustmentsMinor + m.otherMinor;
}

const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const monthShortYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A period in full: "6 – 12 Apr 2026" for a week, "April 2026" for a month. */
export function periodName(p: Pick<InsightsPeriod, 'from' | 'to'>, kind: PeriodKind): string {
  return kind === 'month' ? monthYear.format(utcDay(p.from)) : formatDayRange(p.from, p.to);
}

/** A period in a sentence: "the week of 6 Apr", "April 2026". */
export function periodPhrase(p: Pick<InsightsPeriod, 'from' | 'to'>, kind: PeriodKind): string {
  return kind === 'month' ? monthYear.format(utcDay(p.from)) : `the week of ${shortDay.format(utcDay(p.from))}`;
}

/** A period on a chart axis: "6 Apr" (its Monday), "Apr" (or "Jan 2027" where a year starts). */
export function periodTick(p: Pick<InsightsPeriod, 'from'>, kind: PeriodKind, withYear = false): string {
  if (kind === 'week') return shortDay.format(utcDay(p.from));
  return (withYear ? monthShortYear : monthShort).format(utcDay(p.from));
}

// Numbers --------------------------------------------------------------------------------------

const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percentWhole = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat();

/** Seconds as hours with one decimal: "12.3 h". */
export function formatHours(seconds: number): string {
  return `${oneDecimal.format(seconds / 3600)} h`;
}

/** A share (0.25) as "25.0%"; the dash when there is none. */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined ? NONE : percent.format(share);
}

/** An axis tick: "25%". */
export function formatShareTick(share: number): string {
  return percentWhole.format(share);
}

/** Kilometres with one decimal: "1,234.5 km". */
export function formatKm(km: number): string {
  return `${oneDecimal.format(km)} km`;
}

export function formatInteger(n: number): string {
  return integer.format(n);
}

const coordinate = new Intl.NumberFormat(undefined, { minimumFractionDigits: 4, maximumFractionDigits: 4 });

/** A place's centre: "42.3610, −71.0875" (4 decimals, about 10 m). */
export function formatPlace(p: { lat: number; lng: number }): string {
  return `${coordinate.format(p.lat)}, ${coordinate.format(p.lng)}`;
}

const clock = (hour: number) => `${String(hour % 24).padStart(2, '0')}:00`;

/** Typical hours at a place: "13:00–20:00" (wrapping past midnight: "22:00–06:00"). */
export function formatHourRange(r: { from: number; to: number }): string {
  return `${clock(r.from)}–${clock(r.to)}`;
}


const tickFormats = new Map<string, Intl.NumberFormat>();
/** Money on an axis, whole units: "€1,200". */
export function formatMoneyTick(minor: number, currency: string): string {
  let f = tickFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0, minimumFractionDigits: 0 });
    } catch {
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
    }
    tickFormats.set(currency, f);
  }
  return f.format(minor / 10 ** currencyDigits(currency));
}
