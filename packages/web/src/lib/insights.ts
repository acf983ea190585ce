import type { RouteOutput, Routes } from '@steward/contract';
import { formatMoney } from './format.ts';

/**
 * A member's pay and hours (the `memberInsights` answer): types, the choices remembered per
 * collective, and the few figures the web app derives from it (always from the exact sums the API
 * gives, rounded once, like the API rounds its own: see packages/core/src/insights).
 */

export type MemberInsights = RouteOutput<Routes['memberInsights']>;
export type InsightsPeriod = MemberInsights['periods'][number];
export type InsightsTotals = MemberInsights['totals'];
export type InsightsMoney = InsightsTotals['money'][number];
/** What a period and the totals share: time, tasks, pay per currency, shifts. */
export type InsightsFigures = Pick<InsightsPeriod, 'time' | 'tasks' | 'money' | 'shifts'>;
export type PeriodKind = MemberInsights['period'];

// Choices ------------------------------------------------------------------------------------

export interface InsightsSettings {
  period: PeriodKind;
  /** IANA time zone the weeks and months are cut in. */
  timeZone: string;
  /** The member's costs per km as they typed them ("0.12"), in `currency`; '' for none. */
  costPerKm: string;
  /** The currency shown (and of the costs); null: the one most of the pay is in. */
  currency: string | null;
}

/** The browser's time zone (Intl), or UTC when it has none. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

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

const storageKey = (slug: string) => `steward.insights.${slug}`;
const CURRENCY = /^[A-Z]{3}$/;

/** The choices remembered for a collective in this browser, or the defaults. */
export function loadSettings(slug: string): InsightsSettings {
  const settings: InsightsSettings = { period: 'week', timeZone: browserTimeZone(), costPerKm: '', currency: null };
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey(slug)) ?? 'null');
    if (!raw || typeof raw !== 'object') return settings;
    const r = raw as Record<string, unknown>;
    if (r.period === 'week' || r.period === 'month') settings.period = r.period;
    if (typeof r.timeZone === 'string' && isTimeZone(r.timeZone)) settings.timeZone = r.timeZone;
    if (typeof r.costPerKm === 'string' && r.costPerKm.length <= 20) settings.costPerKm = r.costPerKm;
    if (typeof r.currency === 'string' && CURRENCY.test(r.currency)) settings.currency = r.currency;
  } catch {
    // storage blocked or not JSON: defaults
  }
  return settings;
}

export function saveSettings(slug: string, settings: InsightsSettings): void {
  try {
    localStorage.setItem(storageKey(slug), JSON.stringify(settings));
  } catch {
    // private mode or full: the choices last for this visit only
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
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

// Picking what to show ------------------------------------------------------------------------

/** The currency most of the pay is in (most pay lines), or null without pay. */
export function mainCurrency(figures: InsightsFigures): string | null {
  let best: InsightsMoney | undefined;
  for (const m of figures.money) {
    if (!best || m.payLines > best.payLines || (m.payLines === best.payLines && Math.abs(m.netMinor) > Math.abs(best.netMinor))) best = m;
  }
  return best?.currency ?? null;
}

export function moneyIn(figures: InsightsFigures, currency: string | null): InsightsMoney | undefined {
  return currency ? figures.money.find((m) => m.currency === currency) : undefined;
}

/** A period with time online, tasks or shifts in it (not only pay that arrived later). */
export function hasWork(f: InsightsFigures): boolean {
  return f.time.onlineSeconds > 0 || f.tasks.completed + f.tasks.cancelled + f.tasks.other > 0 || f.shifts.shifts > 0;
}

/**
 * The latest period with work in it. A weekly bonus is paid the Monday after: a last "period"
 * with only that in it has no hours, so per-hour figures would be empty.
 */
export function latestWorkPeriod(periods: readonly InsightsPeriod[]): InsightsPeriod | undefined {
  for (let i = periods.length - 1; i >= 0; i--) if (hasWork(periods[i]!)) return periods[i];
  return periods.at(-1);
}

/** n ÷ d rounded half away from zero, or null when d is 0. */
function divRound(n: number, d: number): number | null {
  if (d === 0) return null;
  return Math.sign(n) * Math.round(Math.abs(n) / d);
}

/** Money per hour (minor units) from a sum of money and of seconds, as the API works it out. */
export function perHourMinor(minor: number, seconds: number): number | null {
  return seconds > 0 ? divRound(minor * 3600, seconds) : null;
}

/** waiting ÷ online: the unpaid share of the time logged in, or null without time online. */
export function waitingShare(f: InsightsFigures): number | null {
  return f.time.onlineSeconds > 0 ? f.time.waitingSeconds / f.time.onlineSeconds : null;
}

/** Fees, taxes, adjustments and other lines: the signed rest of net beyond fares, tips, bonuses and commission. */
export function otherPayMinor(m: InsightsMoney): number {
  return m.feesMinor + m.taxesMinor + m.adjustmentsMinor + m.otherMinor;
}

export interface RecentWeeks {
  from: string;
  to: string;
  currency: string;
  netMinor: number;
  onlineSeconds: number;
  perOnlineHourMinor: number | null;
}

/**
 * The last `count` calendar weeks up to the latest week with work (weekly insights), for the
 * member home: net and net per hour logged in, from the sums of those weeks.
 */
export function recentWeeks(ins: MemberInsights, count = 4): RecentWeeks | null {
  if (ins.period !== 'week') return null;
  const last = latestWorkPeriod(ins.periods);
  const currency = mainCurrency(ins.totals);
  if (!last || !currency) return null;
  const from = addDays(last.from, -7 * (count - 1));
  let netMinor = 0;
  let onlineSeconds = 0;
  for (const p of ins.periods) {
    if (p.from < from || p.from > last.from) continue;
    netMinor += moneyIn(p, currency)?.netMinor ?? 0;
    onlineSeconds += p.time.onlineSeconds;
  }
  return { from, to: last.to, currency, netMinor, onlineSeconds, perOnlineHourMinor: perHourMinor(netMinor, onlineSeconds) };
}

// Dates ----------------------------------------------------------------------------------------

/** A calendar day `YYYY-MM-DD` as a Date at 00:00 UTC (formatted with timeZone UTC, it stays that day). */
function utcDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

export function addDays(date: string, days: number): string {
  const d = utcDay(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const longDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const shortDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat(undefined, { month: 'long', year: 'numeric', timeZone: 'UTC' });
const monthShort = new Intl.DateTimeFormat(undefined, { month: 'short', timeZone: 'UTC' });
const monthShortYear = new Intl.DateTimeFormat(undefined, { month: 'short', year: '2-digit', timeZone: 'UTC' });

/** "6 – 12 Apr 2026" (in the browser's words). */
export function formatDayRange(from: string, to: string): string {
  try {
    return longDay.formatRange(utcDay(from), utcDay(to));
  } catch {
    return `${longDay.format(utcDay(from))} – ${longDay.format(utcDay(to))}`;
  }
}

/** A period in full: "6 – 12 Apr 2026" for a week, "April 2026" for a month. */
export function periodName(p: Pick<InsightsPeriod, 'from' | 'to'>, kind: PeriodKind): string {
  return kind === 'month' ? monthYear.format(utcDay(p.from)) : formatDayRange(p.from, p.to);
}

/** A period in a sentence: "the week of 6 Apr", "April 2026". */
export function periodPhrase(p: Pick<InsightsPeriod, 'from' | 'to'>, kind: PeriodKind): string {
  return kind === 'month' ? monthYear.format(utcDay(p.from)) : `the week of ${shortDay.format(utcDay(p.from))}`;
}

/** A period on a chart axis: "6 Apr" (its Monday), "Apr" (or "Jan 27" when a year starts). */
export function periodTick(p: Pick<InsightsPeriod, 'from'>, kind: PeriodKind, withYear = false): string {
  if (kind === 'week') return shortDay.format(utcDay(p.from));
  return (withYear ? monthShortYear : monthShort).format(utcDay(p.from));
}

// Numbers --------------------------------------------------------------------------------------

const oneDecimal = new Intl.NumberFormat(undefined, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percentWhole = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat();

export const NONE = '—';

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

/** Money from minor units, or the dash. */
export function formatMinor(minor: number | null | undefined, currency: string | null): string {
  return minor === null || minor === undefined || !currency ? NONE : formatMoney(minor, currency);
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
