import { DAY_MS } from './time-zone.ts';

/** How insights are grouped: ISO 8601 weeks (Monday to Sunday) or calendar months. */
export type InsightsPeriod = 'week' | 'month';

export const INSIGHTS_PERIODS: readonly InsightsPeriod[] = ['week', 'month'];

/** A period as local calendar days: `[firstDay, endDay)`, days counted from 1970-01-01. */
export interface PeriodSpan {
  /** `2026-W02` (ISO week-numbering year and week) or `2026-01`. */
  key: string;
  firstDay: number;
  endDay: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
const year4 = (y: number) => (y < 0 ? '-' + String(-y).padStart(6, '0') : y > 9999 ? '+' + String(y).padStart(6, '0') : String(y).padStart(4, '0'));

/** `YYYY-MM-DD` of a day number (proleptic Gregorian). */
export function dayDate(day: number): string {
  const d = new Date(day * DAY_MS);
  return `${year4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Day of the week, Monday 0 … Sunday 6 (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

function daysOf(utcMs: number): number {
  return Math.floor(utcMs / DAY_MS);
}

/** The week or month holding a local day. */
export function periodOf(day: number, period: InsightsPeriod): PeriodSpan {
  if (period === 'week') {
    const monday = day - weekday(day);
    const thursday = monday + 3;
    // The ISO week-numbering year is the year of the week's Thursday.
    const year = new Date(thursday * DAY_MS).getUTCFullYear();
    const jan1 = daysOf(new Date(Date.UTC(2000, 0, 1)).setUTCFullYear(year));
    const week = Math.floor((thursday - jan1) / 7) + 1;
    return { key: `${year4(year)}-W${pad2(week)}`, firstDay: monday, endDay: monday + 7 };
  }
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const first = daysOf(new Date(Date.UTC(2000, m, 1)).setUTCFullYear(y));
  const next = daysOf(new Date(Date.UTC(2000, m + 1, 1)).setUTCFullYear(m === 11 ? y + 1 : y));
  return { key: `${year4(y)}-${pad2(m + 1)}`, firstDay: first, endDay: next };
}
