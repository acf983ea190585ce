import type { PeriodSpan } from './calendar.ts';

/** Running sums while the records stream by: integer milliseconds, metres and minor units. */

export const PAY_KINDS = ['fare', 'tip', 'bonus', 'commission', 'tax', 'fee', 'adjustment', 'payout', 'other'] as const;
export type PayKind = (typeof PAY_KINDS)[number];
export const IS_PAY_KIND = new Set<string>(PAY_KINDS);
export type MoneyAcc = Record<PayKind, number> & { currency: string; lines: number };

export interface Bucket {
  onlineMs: number;
  engagedMs: number;
  completed: number;
  cancelled: number;
  otherTasks: number;
  meters: number;
  noDistance: number;
  money: Map<string, MoneyAcc>;
  shifts: number;
  noContract: number;
  presenceMs: number;
  breakMs: number;
  contractedMs: number;
  /** Time at the workplace from location points, and the local days with any. */
  workplaceMs: number;
  workplaceDays: number;
}

export interface DayAcc {
  day: number;
  onlineMs: number;
  engagedMs: number;
  presenceMs: number;
  workedMs: number;
  atWorkplaceMs: number;
}

export interface PeriodAcc extends Bucket {
  span: PeriodSpan;
  days: Map<number, DayAcc>;
}

export const newBucket = (): Bucket => ({
  onlineMs: 0, engagedMs: 0, completed: 0, cancelled: 0, otherTasks: 0, meters: 0, noDistance: 0,
  money: new Map(), shifts: 0, noContract: 0, presenceMs: 0, breakMs: 0, contractedMs: 0,
  workplaceMs: 0, workplaceDays: 0,
});

export function moneyAcc(b: Bucket, currency: string): MoneyAcc {
  let m = b.money.get(currency);
  if (!m) {
    m = { currency, lines: 0, fare: 0, tip: 0, bonus: 0, commission: 0, tax: 0, fee: 0, adjustment: 0, payout: 0, other: 0 };
    b.money.set(currency, m);
  }
  return m;
}
