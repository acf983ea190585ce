import { ValidationError } from '../errors.ts';
import { IS_PAY_KIND, moneyAcc, newBucket, type DayAcc, type PayKind, type PeriodAcc } from './buckets.ts';
import { dayDate, INSIGHTS_PERIODS, periodOf } from './calendar.ts';
import { distanceM, eachStay, findPlaces, MAX_GAP_MS, PLACE_RADIUS_M, pointLog, WORKPLACE_RADIUS_DEFAULT_M, WORKPLACE_RADIUS_MAX_M, WORKPLACE_RADIUS_MIN_M } from './places.ts';
import { dayOut, placeOut, present } from './present.ts';
import { HOUR_MS, zoneClock, type ZoneClock } from './time-zone.ts';
import type { ExpensesPerKm, HoursWorkedSource, Insights, InsightsOptions, InsightsRecord, LatLng, PeriodInsights, WorkplaceChoice } from './types.ts';

const CURRENCY = /^[A-Z]{3}$/;
// The canonical timestamp form (as record validation checks it): a zone is required, so that
// parsing never depends on the machine's own time zone.
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds of a canonical timestamp, or NaN. */
function instant(v: unknown): number {
  return typeof v === 'string' && ISO_TIMESTAMP.test(v) ? Date.parse(v) : Number.NaN;
}

function fallback(r: InsightsRecord): number {
  const d = r.occurredAt;
  return d instanceof Date ? d.getTime() : Number.NaN;
}

const wholeNonNegative = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null);

const isLatitude = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -90 && v <= 90;
const isLongitude = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= -180 && v <= 180;

/**
 * Checks the options; errors name the field (`period`, `timeZone`, `expensesPerKm.…`,
 * `workplace`, `workplaceRadiusM`).
 */
export function checkInsightsOptions(o: InsightsOptions): {
  period: InsightsOptions['period'];
  clock: ZoneClock;
  expenses: ExpensesPerKm | null;
  workplace: LatLng | null;
  radiusM: number;
} {
  if (!INSIGHTS_PERIODS.includes(o.period)) throw ValidationError.field('period', `must be one of ${INSIGHTS_PERIODS.join(', ')}`);
  const clock = zoneClock(o.timeZone);
  let expenses: ExpensesPerKm | null = null;
  if (o.expensesPerKm) {
    const { amountMinor, currency } = o.expensesPerKm;
    if (!Number.isSafeInteger(amountMinor) || amountMinor < 0) throw ValidationError.field('expensesPerKm.amountMinor', 'must be a whole number of minor units, 0 or more');
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) throw ValidationError.field('expensesPerKm.currency', 'must be an ISO 4217 currency code, e.g. EUR');
    expenses = { amountMinor, currency };
  }
  let workplace: LatLng | null = null;
  if (o.workplace) {
    const { lat, lng } = o.workplace;
    if (!isLatitude(lat) || !isLongitude(lng)) throw ValidationError.field('workplace', 'must be a latitude from -90 to 90 and a longitude from -180 to 180, e.g. 48.8566,2.3522');
    workplace = { lat, lng };
  }
  const radius = o.workplaceRadiusM ?? WORKPLACE_RADIUS_DEFAULT_M;
  if (typeof radius !== 'number' || !Number.isFinite(radius) || radius < WORKPLACE_RADIUS_MIN_M || radius > WORKPLACE_RADIUS_MAX_M) {
    throw ValidationError.field('workplaceRadiusM', `must be a number of metres from ${WORKPLACE_RADIUS_MIN_M} to ${WORKPLACE_RADIUS_MAX_M}`);
  }
  return { period: o.period, clock, expenses, workplace, radiusM: radius };
}

/**
 * The member's insights, built in one pass: `add` each record (in any order), then `finish`.
 * Memory grows with the number of periods and days, plus two numbers per time segment (the
 * segments are sorted once at the end so that overlapping segments count once) and three per
 * location point (sorted once at the end, for places and time at the workplace).
 */
export function insightsAccumulator(options: InsightsOptions) {
  const { period, clock, expenses, workplace: chosen, radiusM } = checkInsightsOptions(options);
  const points = pointLog();
  const totals = newBucket();
  const periods = new Map<number, PeriodAcc>();
  const periodOfDay = new Map<number, PeriodAcc>();
  const used: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  // Segment boundaries, encoded as instant × 4 + code so that one numeric sort orders them.
  const events: number[] = [];
  const ENGAGED_END = 0, ONLINE_END = 1, ENGAGED_START = 2, ONLINE_START = 3;

  function periodFor(day: number): PeriodAcc {
    let p = periodOfDay.get(day);
    if (p) return p;
    const span = periodOf(day, period);
    p = periods.get(span.firstDay);
    if (!p) {
      p = { ...newBucket(), span, days: new Map() };
      periods.set(span.firstDay, p);
    }
    periodOfDay.set(day, p);
    return p;
  }

  function dayAcc(p: PeriodAcc, day: number): DayAcc {
    let d = p.days.get(day);
    if (!d) {
      d = { day, onlineMs: 0, engagedMs: 0, presenceMs: 0, workedMs: 0, atWorkplaceMs: 0 };
      p.days.set(day, d);
    }
    return d;
  }

  /** Cuts [start, end) at local midnights (so also at week and month boundaries). */
  function eachDayPiece(start: number, end: number, fn: (day: number, from: number, to: number) => void): void {
    let cur = start;
    while (cur < end) {
      const day = clock.dayOf(cur);
      let next = clock.dayStart(day + 1);
      // Only in a zone whose clocks go back across midnight can the local date step backwards;
      // moving on by the hour keeps the loop finite.
      if (next <= cur) next = (Math.floor(cur / HOUR_MS) + 1) * HOUR_MS;
      const to = Math.min(end, next);
      fn(day, cur, to);
      cur = to;
    }
  }

  function bucketsAt(ms: number): PeriodAcc {
    return periodFor(clock.dayOf(ms));
  }

  const count = (tally: Record<string, number>, dataset: string) => (tally[dataset] = (tally[dataset] ?? 0) + 1);

  function addPay(r: InsightsRecord): boolean {
    const { kind, amount, currency } = r.data;
    if (typeof kind !== 'string' || !IS_PAY_KIND.has(kind)) return false;
    if (typeof amount !== 'number' || !Number.isSafeInteger(amount)) return false;
    if (typeof currency !== 'string' || !CURRENCY.test(currency)) return false;
    let at = instant(r.data.paid_at);
    if (Number.isNaN(at)) at = fallback(r);
    if (Number.isNaN(at)) return false;
    for (const b of [totals, bucketsAt(at)]) {
      const m = moneyAcc(b, currency);
      m[kind as PayKind] += amount;
      m.lines += 1;
    }
    return true;
  }

  function addTask(r: InsightsRecord): boolean {
    const { status, distance_m: distance } = r.data;
    if (status !== 'completed' && status !== 'cancelled' && status !== 'other') return false;
    let at = instant(r.data.ended_at);
    if (Number.isNaN(at)) at = instant(r.data.started_at);
    if (Number.isNaN(at)) at = fallback(r);
    if (Number.isNaN(at)) return false;
    const meters = status === 'completed' ? wholeNonNegative(distance) : null;
    for (const b of [totals, bucketsAt(at)]) {
      if (status === 'completed') {
        b.completed += 1;
        if (meters === null) b.noDistance += 1;
        else b.meters += meters;
      } else if (status === 'cancelled') b.cancelled += 1;
      else b.otherTasks += 1;
    }
    return true;
  }

  function addSegment(r: InsightsRecord): boolean {
    const { state } = r.data;
    if (state !== 'online' && state !== 'engaged' && state !== 'offline') return false;
    const start = instant(r.data.started_at);
    const end = instant(r.data.ended_at);
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) return false;
    if (state === 'offline' || end === start) return true;
    const engaged = state === 'engaged';
    events.push(start * 4 + (engaged ? ENGAGED_START : ONLINE_START), end * 4 + (engaged ? ENGAGED_END : ONLINE_END));
    return true;
  }

  function addShift(r: InsightsRecord): boolean {
    const start = instant(r.data.started_at);
    const end = instant(r.data.ended_at);
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) return false;
    const breakRaw = r.data.break_s ?? 0;
    const contractRaw = r.data.contracted_s ?? null;
    const breakGiven = wholeNonNegative(breakRaw);
    const contracted = contractRaw === null ? null : wholeNonNegative(contractRaw);
    if (breakGiven === null || (contractRaw !== null && contracted === null)) return false;
    const spanMs = end - start;
    // A break longer than the shift is cut to the shift.
    const breakS = Math.min(breakGiven, Math.floor(spanMs / 1000));
    const contractS = contracted ?? 0;
    for (const b of [totals, bucketsAt(start)]) {
      b.shifts += 1;
      if (contracted === null) b.noContract += 1;
    }
    // Breaks and contracted time are shared out over the days in proportion to the time spent
    // in each, in whole seconds, by cumulative rounding: the parts add up exactly.
    let breakDone = 0;
    let contractDone = 0;
    eachDayPiece(start, end, (day, from, to) => {
      const last = to === end;
      const breakUpTo = last ? breakS : Math.round((breakS * (to - start)) / spanMs);
      const contractUpTo = last ? contractS : Math.round((contractS * (to - start)) / spanMs);
      const breakMs = (breakUpTo - breakDone) * 1000;
      const contractMs = (contractUpTo - contractDone) * 1000;
      breakDone = breakUpTo;
      contractDone = contractUpTo;
      const presence = to - from;
      const p = periodFor(day);
      for (const b of [totals, p]) {
        b.presenceMs += presence;
        b.breakMs += breakMs;
        b.contractedMs += contractMs;
      }
      const d = dayAcc(p, day);
      d.presenceMs += presence;
      d.workedMs += presence - breakMs;
    });
    return true;
  }

  function addPoint(r: InsightsRecord): boolean {
    const { lat, lng } = r.data;
    if (!isLatitude(lat) || !isLongitude(lng)) return false;
    let at = instant(r.data.recorded_at);
    if (Number.isNaN(at)) at = fallback(r);
    if (Number.isNaN(at)) return false;
    points.add(at, lat, lng);
    return true;
  }

  function addPlatformTime(start: number, end: number, engaged: boolean): void {
    const len = end - start;
    totals.onlineMs += len;
    if (engaged) totals.engagedMs += len;
    eachDayPiece(start, end, (day, from, to) => {
      const p = periodFor(day);
      const d = dayAcc(p, day);
      p.onlineMs += to - from;
      d.onlineMs += to - from;
      if (engaged) {
        p.engagedMs += to - from;
        d.engagedMs += to - from;
      }
    });
  }

  // A moment is online if any segment covers it, and engaged if any engaged segment does:
  // two platforms at once, or the same export imported twice, never count time twice.
  function sweepSegments(): void {
    const sorted = Float64Array.from(events).sort();
    let engaged = 0;
    let online = 0;
    let prev = 0;
    for (const v of sorted) {
      const t = Math.floor(v / 4);
      const code = v - t * 4;
      if (t > prev && (engaged > 0 || online > 0)) addPlatformTime(prev, t, engaged > 0);
      prev = t;
      if (code === ENGAGED_END) engaged -= 1;
      else if (code === ONLINE_END) online -= 1;
      else if (code === ENGAGED_START) engaged += 1;
      else online += 1;
    }
    events.length = 0;
  }

  function add(r: InsightsRecord): void {
    let ok: boolean;
    switch (r.dataset) {
      case 'pay_items': ok = addPay(r); break;
      case 'work_tasks': ok = addTask(r); break;
      case 'time_segments': ok = addSegment(r); break;
      case 'shifts': ok = addShift(r); break;
      case 'location_points': ok = addPoint(r); break;
      default: return;
    }
    count(ok ? used : skipped, r.dataset);
  }

  /** Places from the points; time at the workplace (chosen, else suggested) into days and periods. */
  function placesAndWorkplace(): Pick<Insights, 'places' | 'workplace'> {
    const series = points.sorted();
    const found = findPlaces(series, clock);
    const at = chosen ?? (found.suggested ? { lat: found.suggested.lat, lng: found.suggested.lng } : null);
    const workplace: WorkplaceChoice | null = at ? { ...at, radiusM, suggested: chosen === null } : null;
    if (workplace) {
      const near = new Uint8Array(series.length);
      for (let i = 0; i < series.length; i++) near[i] = distanceM(series.lat[i]!, series.lng[i]!, workplace.lat, workplace.lng) <= radiusM ? 1 : 0;
      eachStay(
        series,
        (i, j) => near[i] === 1 && near[j] === 1,
        (start, end) => {
          totals.workplaceMs += end - start;
          eachDayPiece(start, end, (day, from, to) => {
            const p = periodFor(day);
            p.workplaceMs += to - from;
            dayAcc(p, day).atWorkplaceMs += to - from;
          });
        },
      );
      for (const p of periods.values()) {
        for (const d of p.days.values()) if (d.atWorkplaceMs > 0) p.workplaceDays += 1;
        totals.workplaceDays += p.workplaceDays;
      }
    }
    return {
      places: { radiusM: PLACE_RADIUS_M, maxGapSeconds: MAX_GAP_MS / 1000, points: series.length, places: found.all.length, top: found.top.map((p) => placeOut(p, found)) },
      workplace,
    };
  }

  function finish(): Insights {
    sweepSegments();
    const { places, workplace } = placesAndWorkplace();
    const hoursWorkedFrom: HoursWorkedSource | null = totals.shifts > 0 ? 'shifts' : totals.onlineMs > 0 ? 'platform' : totals.workplaceMs > 0 ? 'workplace' : null;
    const out: PeriodInsights[] = [...periods.values()]
      .sort((a, b) => a.span.firstDay - b.span.firstDay)
      .map((p) => ({
        key: p.span.key,
        from: dayDate(p.span.firstDay),
        to: dayDate(p.span.endDay - 1),
        startsAt: new Date(clock.dayStart(p.span.firstDay)).toISOString(),
        endsAt: new Date(clock.dayStart(p.span.endDay)).toISOString(),
        ...present(p, expenses),
        days: [...p.days.values()].sort((a, b) => a.day - b.day).map(dayOut),
      }));
    return {
      period,
      timeZone: clock.timeZone,
      expensesPerKm: expenses,
      periods: out,
      totals: { from: out[0]?.from ?? null, to: out.at(-1)?.to ?? null, ...present(totals, expenses) },
      places,
      workplace,
      hoursWorkedFrom,
      records: { used, skipped },
    };
  }

  return { add, finish };
}
