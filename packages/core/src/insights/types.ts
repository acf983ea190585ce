import type { InsightsPeriod } from './calendar.ts';

/**
 * What `computeInsights` returns. Money is integer minor units of `currency`; durations are
 * seconds (exact: whole seconds when the records' times are); `…Hours`, `…Km` and shares are
 * rounded for display, half away from zero (hours and km to 2 decimals, shares to 4).
 */

/** One record as the insights read it: its canonical dataset name and its data. */
export interface InsightsRecord {
  /** Canonical dataset: work_tasks, pay_items, time_segments, shifts, location_points (others are ignored). */
  dataset: string;
  data: Readonly<Record<string, unknown>>;
  /** Fallback time when the record's own time field is missing. */
  occurredAt?: Date | null;
}

/** A cost per kilometre set by the member (fuel, wear, insurance…), in minor units of `currency`. */
export interface ExpensesPerKm {
  amountMinor: number;
  currency: string;
}

/** A point on Earth, WGS 84 degrees. */
export interface LatLng {
  lat: number;
  lng: number;
}

export interface InsightsOptions {
  period: InsightsPeriod;
  /** IANA time zone the weeks, months and days are cut in, e.g. Europe/Paris. */
  timeZone: string;
  expensesPerKm?: ExpensesPerKm | null;
  /** The member's workplace; without it, the suggested one (see places.ts). */
  workplace?: LatLng | null;
  /** Metres around the workplace (chosen or suggested) that count as at it: 10–2000, default 150. */
  workplaceRadiusM?: number | null;
}

/** Platform time, from time_segments: a moment counts once even when segments overlap. */
export interface TimeInsights {
  /** Logged in to at least one platform: waiting (state online) or engaged. */
  onlineSeconds: number;
  /** En route to or on a task (state engaged). */
  engagedSeconds: number;
  /** Logged in but not engaged: waiting for work, unpaid. */
  waitingSeconds: number;
  onlineHours: number;
  engagedHours: number;
  /** engaged ÷ online, 4 decimals; null without online time. */
  engagedShare: number | null;
}

/** Tasks from work_tasks, counted in the period they ended (started, when no end is known). */
export interface TaskInsights {
  completed: number;
  cancelled: number;
  other: number;
  /** Sum of distance_m over completed tasks. */
  distanceMeters: number;
  distanceKm: number;
  /** Completed tasks without a distance: when not 0, per-km figures are based on fewer trips. */
  completedWithoutDistance: number;
}

/** Pay in one currency, from pay_items, counted in the period of `paid_at`. */
export interface MoneyInsights {
  currency: string;
  /** Every pay line except payouts, with its sign: fares + tips + bonuses + adjustments + other − commission − fees − taxes. */
  netMinor: number;
  /** Lines of kind fare. */
  grossFaresMinor: number;
  /** Lines of kind commission, as a positive amount (the absolute value of their sum). */
  commissionMinor: number;
  /** commission ÷ gross fares, 4 decimals (0.25 = 25 %); null without fares. */
  commissionShare: number | null;
  tipsMinor: number;
  bonusesMinor: number;
  /** Signed sums of the other kinds (deductions negative), all part of net. */
  feesMinor: number;
  taxesMinor: number;
  adjustmentsMinor: number;
  otherMinor: number;
  /** Money paid out to the member's bank: a transfer of earnings, not earnings, so not in net. */
  payoutsMinor: number;
  payLines: number;
  /** net ÷ online hours, minor units per hour, rounded; null without online time. */
  netPerOnlineHourMinor: number | null;
  /** net ÷ engaged hours, minor units per hour, rounded; null without engaged time. */
  netPerEngagedHourMinor: number | null;
  /** net ÷ km of completed tasks, minor units per km, rounded; null without distance. */
  netPerKmMinor: number | null;
  /** expensesPerKm × km, rounded once; null unless the member set expenses in this currency. */
  expensesMinor: number | null;
  /** net − expenses; null when expenses is. */
  netAfterExpensesMinor: number | null;
  /** (net − expenses) ÷ online hours; null when expenses is or without online time. */
  netAfterExpensesPerOnlineHourMinor: number | null;
}

/** Time at work from shifts: presence is end − start, worked is presence − breaks. */
export interface ShiftInsights {
  /** Shifts that started in the period. */
  shifts: number;
  /** Time at the workplace, breaks included. */
  presenceSeconds: number;
  breakSeconds: number;
  workedSeconds: number;
  /** Contracted time (shifts without contracted_s add 0). */
  contractedSeconds: number;
  /** worked − contracted: positive is overtime, negative is short. */
  overtimeSeconds: number;
  workedHours: number;
  contractedHours: number;
  /** Shifts without contracted time, started in the period. */
  shiftsWithoutContract: number;
}

/**
 * Time at the workplace from location points: the time between two consecutive points of the
 * member that are both within the workplace's radius and at most 12 hours apart, cut at local
 * midnight (see places.ts). Counted apart from shifts: a shift is what the member or an employer
 * recorded; this is where the phone was.
 */
export interface WorkplaceInsights {
  atWorkplaceSeconds: number;
  atWorkplaceHours: number;
  /** Local days with any time at the workplace. */
  daysAtWorkplace: number;
}

/** One local calendar day with any time on it. */
export interface DayInsights {
  /** `YYYY-MM-DD` in the member's time zone. */
  date: string;
  onlineSeconds: number;
  engagedSeconds: number;
  /** Shift time worked (breaks taken out). */
  workedSeconds: number;
  /** Shift time at the workplace. */
  presenceSeconds: number;
  /** Time at the workplace from location points (see WorkplaceInsights). */
  atWorkplaceSeconds: number;
}

export interface Totals {
  time: TimeInsights;
  tasks: TaskInsights;
  /** One entry per currency, by currency code. */
  money: MoneyInsights[];
  shifts: ShiftInsights;
  workplace: WorkplaceInsights;
}

/** A place where the member spends time, found in their location points (see places.ts). */
export interface PlaceInsights {
  /** Centre, rounded to 4 decimals (about 10 m): pass it back as the workplace to get its figures. */
  lat: number;
  lng: number;
  /** Time at the place by the interval rule. */
  seconds: number;
  hours: number;
  /** Points assigned to the place (nearest centre within 150 m). */
  points: number;
  /** Local days with a point at the place. */
  daysSeen: number;
  /** Of `seconds`, Monday to Friday between 07:00 and 19:00 local. */
  weekdayDaytimeSeconds: number;
  /** Seconds at the place in each local hour of the day, 0 (00:00–01:00) to 23, over all days. */
  hourSeconds: number[];
  /** The shortest run of local hours holding 4/5 of the time there: [from, to), wrapping past midnight when to ≤ from. */
  typicalHours: { from: number; to: number } | null;
  /** The place with the most points at night (22:00–06:00): probably home. */
  likelyHome: boolean;
  /** This place is the suggested workplace. */
  suggested: boolean;
}

export interface PlacesInsights {
  /** The rules' constants, for readers: place radius and the longest gap that counts. */
  radiusM: number;
  maxGapSeconds: number;
  /** Location points read. */
  points: number;
  /** Places found (every cluster, with or without time). */
  places: number;
  /** Up to 10 places with time, most time first; the suggested workplace always among them. */
  top: PlaceInsights[];
}

/** The workplace the figures use. */
export interface WorkplaceChoice {
  lat: number;
  lng: number;
  radiusM: number;
  /** True: not chosen by the member, but suggested from their places (the most weekday daytime hours, home left out). */
  suggested: boolean;
}

/** Where "hours worked" come from: shift records; else time logged in to platforms; else time at the workplace. */
export type HoursWorkedSource = 'shifts' | 'platform' | 'workplace';

export interface PeriodInsights extends Totals {
  /** `2026-W02` (ISO week) or `2026-01`. */
  key: string;
  /** First and last local day of the period, `YYYY-MM-DD`. */
  from: string;
  to: string;
  /** The period's first instant and the next period's, in UTC. */
  startsAt: string;
  endsAt: string;
  days: DayInsights[];
}

export interface Insights {
  period: InsightsPeriod;
  timeZone: string;
  expensesPerKm: ExpensesPerKm | null;
  /** Periods with any data, oldest first (periods without data are left out). */
  periods: PeriodInsights[];
  /** The whole range; derived figures computed from the exact total sums, rounded once. */
  totals: Totals & { from: string | null; to: string | null };
  /** Places from the member's location points. */
  places: PlacesInsights;
  /** The workplace chosen, or else suggested; null without one. */
  workplace: WorkplaceChoice | null;
  /** Where hours worked per day and period come from (null: no hours at all). */
  hoursWorkedFrom: HoursWorkedSource | null;
  records: {
    /** Records that went into the figures, per dataset. */
    used: Record<string, number>;
    /** Records left out because a field the figures need is missing or malformed, per dataset. */
    skipped: Record<string, number>;
  };
}
