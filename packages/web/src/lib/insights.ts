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
/** What a period and the totals share: time, tasks, pay per currency, shifts, time at the workplace. */
export type InsightsFigures = Pick<InsightsPeriod, 'time' | 'tasks' | 'money' | 'shifts' | 'workplace'>;
/** A place where the member spends time, from their location points. */
export type InsightsPlace = MemberInsights['places']['top'][number];
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
  /** The workplace the member chose among their places; null: the suggested one. */
  workplace: { lat: number; lng: number } | null;
}

/** The browser's time zone (Intl), or UTC when it has none. */
export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const storageKey = (slug: string) => `steward.insights.${slug}`;
const CURRENCY = /^[A-Z]{3}$/;

/** The choices remembered for a collective in this browser, or the defaults. */
export function loadSettings(slug: string): InsightsSettings {
  const settings: InsightsSettings = { period: 'week', timeZone: browserTimeZone(), costPerKm: '', currency: null, workplace: null };
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(storageKey(slug)) ?? 'null');
    if (!raw || typeof raw !== 'object') return settings;
    const r = raw as Record<string, unknown>;
    if (r.period === 'week' || r.period === 'month') settings.period = r.period;
    if (typeof r.timeZone === 'string' && isTimeZone(r.timeZone)) settings.timeZone = r.timeZone;
    if (typeof r.costPerKm === 'string' && r.costPerKm.length <= 20) settings.costPerKm = r.costPerKm;
    if (typeof r.currency === 'string' && CURRENCY.test(r.currency)) settings.currency = r.currency;
    const w = r.workplace as Record<string, unknown> | null | undefined;
    if (w && typeof w.lat === 'number' && typeof w.lng === 'number' && Math.abs(w.lat) <= 90 && Math.abs(w.lng) <= 180) settings.workplace = { lat: w.lat, lng: w.lng };
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

/** The `workplace` query parameter for a place: `lat,lng`. */
export function workplaceParam(p: { lat: number; lng: number }): string {
  return `${p.lat},${p.lng}`;
}

/** A period or the totals with pay, time online, tasks or shifts: more than time at a workplace. */
export function hasPlatformOrShifts(f: InsightsFigures): boolean {
  return f.money.length > 0 || hasWork(f);
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
export function utcDay(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, (m ?? 1) - 1, d ?? 1));
}

export function addDays(date: string, days: number): string {
  const d = utcDay(date);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

const longDay = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** "6 – 12 Apr 2026" (in the browser's words). */
export function formatDayRange(from: string, to: string): string {
  try {
    return longDay.formatRange(utcDay(from), utcDay(to));
  } catch {
    return `${longDay.format(utcDay(from))} – ${longDay.format(utcDay(to))}`;
  }
}

// Numbers --------------------------------------------------------------------------------------

export const NONE = '—';

/** Money from minor units, or the dash. */
export function formatMinor(minor: number | null | undefined, currency: string | null): string {
  return minor === null || minor === undefined || !currency ? NONE : formatMoney(minor, currency);
}
