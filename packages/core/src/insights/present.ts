import { divRound, hours, km, perHour, perKm, share } from './arith.ts';
import { dayDate } from './calendar.ts';
import { moneyAcc, type Bucket, type DayAcc, type MoneyAcc } from './buckets.ts';
import { typicalHours, type FoundPlaces, type PlaceAcc } from './places.ts';
import type { DayInsights, ExpensesPerKm, MoneyInsights, PlaceInsights, ShiftInsights, TaskInsights, TimeInsights, Totals, WorkplaceInsights } from './types.ts';

/** The running sums turned into the figures members see: derived figures computed once, from exact sums. */

const seconds = (ms: number) => ms / 1000;

export function dayOut(d: DayAcc): DayInsights {
  return { date: dayDate(d.day), onlineSeconds: seconds(d.onlineMs), engagedSeconds: seconds(d.engagedMs), workedSeconds: seconds(d.workedMs), presenceSeconds: seconds(d.presenceMs), atWorkplaceSeconds: seconds(d.atWorkplaceMs) };
}

export function present(b: Bucket, expenses: ExpensesPerKm | null): Totals {
  const time: TimeInsights = {
    onlineSeconds: seconds(b.onlineMs),
    engagedSeconds: seconds(b.engagedMs),
    waitingSeconds: seconds(b.onlineMs - b.engagedMs),
    onlineHours: hours(b.onlineMs),
    engagedHours: hours(b.engagedMs),
    engagedShare: b.onlineMs > 0 ? share(b.engagedMs, b.onlineMs) : null,
  };
  const tasks: TaskInsights = {
    completed: b.completed,
    cancelled: b.cancelled,
    other: b.otherTasks,
    distanceMeters: b.meters,
    distanceKm: km(b.meters),
    completedWithoutDistance: b.noDistance,
  };
  // Driving costs money even in a period without pay in that currency.
  if (expenses && b.meters > 0) moneyAcc(b, expenses.currency);
  const money = [...b.money.values()]
    .sort((x, y) => (x.currency < y.currency ? -1 : x.currency > y.currency ? 1 : 0))
    .map((m) => moneyOut(m, b, expenses));
  const workedMs = b.presenceMs - b.breakMs;
  const shifts: ShiftInsights = {
    shifts: b.shifts,
    presenceSeconds: seconds(b.presenceMs),
    breakSeconds: seconds(b.breakMs),
    workedSeconds: seconds(workedMs),
    contractedSeconds: seconds(b.contractedMs),
    overtimeSeconds: seconds(workedMs - b.contractedMs),
    workedHours: hours(workedMs),
    contractedHours: hours(b.contractedMs),
    shiftsWithoutContract: b.noContract,
  };
  const workplace: WorkplaceInsights = { atWorkplaceSeconds: seconds(b.workplaceMs), atWorkplaceHours: hours(b.workplaceMs), daysAtWorkplace: b.workplaceDays };
  return { time, tasks, money, shifts, workplace };
}

function moneyOut(m: MoneyAcc, b: Bucket, expenses: ExpensesPerKm | null): MoneyInsights {
  const net = m.fare + m.tip + m.bonus + m.commission + m.tax + m.fee + m.adjustment + m.other;
  const expensesMinor = expenses && expenses.currency === m.currency ? Number(divRound(BigInt(expenses.amountMinor) * BigInt(b.meters), 1000n)) : null;
  const after = expensesMinor === null ? null : net - expensesMinor;
  return {
    currency: m.currency,
    netMinor: net,
    grossFaresMinor: m.fare,
    commissionMinor: Math.abs(m.commission),
    commissionShare: m.fare > 0 ? share(Math.abs(m.commission), m.fare) : null,
    tipsMinor: m.tip,
    bonusesMinor: m.bonus,
    feesMinor: m.fee,
    taxesMinor: m.tax,
    adjustmentsMinor: m.adjustment,
    otherMinor: m.other,
    payoutsMinor: m.payout,
    payLines: m.lines,
    netPerOnlineHourMinor: perHour(net, b.onlineMs),
    netPerEngagedHourMinor: perHour(net, b.engagedMs),
    netPerKmMinor: perKm(net, b.meters),
    expensesMinor,
    netAfterExpensesMinor: after,
    netAfterExpensesPerOnlineHourMinor: after === null ? null : perHour(after, b.onlineMs),
  };
}

export function placeOut(p: PlaceAcc, found: FoundPlaces): PlaceInsights {
  return {
    lat: p.lat,
    lng: p.lng,
    seconds: seconds(p.ms),
    hours: hours(p.ms),
    points: p.points,
    daysSeen: p.days.size,
    weekdayDaytimeSeconds: seconds(p.weekdayDaytimeMs),
    hourSeconds: Array.from(p.hourMs, seconds),
    typicalHours: typicalHours(p.hourMs),
    likelyHome: p === found.home,
    suggested: p === found.suggested,
  };
}
