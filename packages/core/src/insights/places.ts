import { weekday } from './calendar.ts';
import { DAY_MS, HOUR_MS, type ZoneClock } from './time-zone.ts';

/**
 * Places and time at the workplace from a member's location points (a WeClock log, Google
 * location history…): pure, deterministic, from the member's own points only (rule S1).
 *
 * The rules, in order:
 *
 * 1. Points are sorted by time (ties by latitude, then longitude, so any input order gives the
 *    same answer).
 * 2. Places: points are clustered in that order around a running centre — a point joins the
 *    place whose centre is nearest, when it is within PLACE_RADIUS_M (150 m, great-circle
 *    distance), and that centre moves to the mean of its points; otherwise it starts a new place.
 *    Each centre is then rounded to CENTRE_DECIMALS (4 decimals, about 10 m) and every point is
 *    assigned again to the nearest rounded centre within 150 m (or to none). Rounding to 4
 *    decimals, not 3 (up to ~70 m, half the radius), keeps the centre shown equal to the one
 *    the figures use: choosing a place as the workplace gives exactly its figures.
 * 3. The interval rule: the time between two consecutive points of the member counts at a place
 *    when both points are in it and they are at most MAX_GAP_MS (12 hours) apart. WeClock logs a
 *    point when the phone moves, not on a timer: a stay shows as a point on arrival and one on
 *    leaving (in the real WeClock sample, half the pairs of consecutive points at one place are
 *    more than an hour apart, 30 % more than 5 hours). 12 hours covers a long working day; a
 *    longer gap (a night without a point, the phone off, days without tracking) counts nothing.
 *    Time is cut at local midnight into days.
 * 4. The workplace is a point and a radius: the time between two consecutive points that are
 *    both within the radius of it, by the same interval rule. Without one chosen, the suggested
 *    workplace is the place with the most weekday daytime hours (Monday–Friday, 07:00–19:00
 *    local), leaving out the likely home (the place with the most points at night, 22:00–06:00)
 *    unless no other place has weekday daytime hours.
 */

export const PLACE_RADIUS_M = 150;
export const MAX_GAP_MS = 12 * HOUR_MS;
export const CENTRE_DECIMALS = 4;
/** Places listed, by time spent (the suggested workplace is always among them). */
export const TOP_PLACES = 10;
export const WORKPLACE_RADIUS_DEFAULT_M = PLACE_RADIUS_M;
/** GPS is rarely better than 10 m; 2 km is a large site. */
export const WORKPLACE_RADIUS_MIN_M = 10;
export const WORKPLACE_RADIUS_MAX_M = 2000;
/** Local hours [from, to): weekday daytime (Monday–Friday) and night (wraps midnight). */
export const DAYTIME_HOURS = { from: 7, to: 19 } as const;
export const NIGHT_HOURS = { from: 22, to: 6 } as const;
/** "Typical hours": the shortest run of whole local hours holding this share of the time at a place. */
export const TYPICAL_SHARE = { part: 4, whole: 5 } as const;

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;
const M_PER_DEG = EARTH_RADIUS_M * RAD;

/** Great-circle distance in metres (haversine). */
export function distanceM(aLat: number, aLng: number, bLat: number, bLng: number): number {
  const dLat = (bLat - aLat) * RAD;
  const dLng = (bLng - aLng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(aLat * RAD) * Math.cos(bLat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Rounded half away from zero on the exact binary value (toFixed); + 0 turns -0 into 0. */
const roundTo = (v: number, decimals: number) => Number(v.toFixed(decimals)) + 0;

/** A member's points, sorted by time: parallel arrays, three numbers a point. */
export interface PointSeries {
  length: number;
  t: Float64Array;
  lat: Float64Array;
  lng: Float64Array;
}

/** Collects points in any order; `sorted` gives them by time. */
export function pointLog() {
  let t = new Float64Array(1024);
  let lat = new Float64Array(1024);
  let lng = new Float64Array(1024);
  let n = 0;
  const grow = (a: Float64Array) => {
    const b = new Float64Array(a.length * 2);
    b.set(a);
    return b;
  };
  return {
    get size() {
      return n;
    },
    add(ms: number, la: number, lo: number): void {
      if (n === t.length) [t, lat, lng] = [grow(t), grow(lat), grow(lng)];
      t[n] = ms;
      lat[n] = la;
      lng[n] = lo;
      n++;
    },
    sorted(): PointSeries {
      const order = new Uint32Array(n);
      for (let i = 0; i < n; i++) order[i] = i;
      order.sort((a, b) => t[a]! - t[b]! || lat[a]! - lat[b]! || lng[a]! - lng[b]!);
      const out: PointSeries = { length: n, t: new Float64Array(n), lat: new Float64Array(n), lng: new Float64Array(n) };
      order.forEach((src, i) => {
        out.t[i] = t[src]!;
        out.lat[i] = lat[src]!;
        out.lng[i] = lng[src]!;
      });
      return out;
    },
  };
}

/**
 * The interval rule: `fn(from, to)` for each pair of consecutive points i, i + 1 that `inside`
 * holds for, at most MAX_GAP_MS apart (pairs at the same instant add nothing).
 */
export function eachStay(s: PointSeries, inside: (i: number, j: number) => boolean, fn: (from: number, to: number, i: number) => void): void {
  for (let i = 0; i + 1 < s.length; i++) {
    const from = s.t[i]!;
    const to = s.t[i + 1]!;
    if (to > from && to - from <= MAX_GAP_MS && inside(i, i + 1)) fn(from, to, i);
  }
}

/**
 * A spatial hash of centres in cells of PLACE_RADIUS_M of latitude, so that finding the centres
 * within the radius of a point looks at a few cells, not at every place. Longitude cells have
 * the same size in degrees; near the poles more columns are searched (and, past 89°, all).
 */
function centreGrid(radiusM: number) {
  const cell = radiusM / M_PER_DEG;
  const cols = Math.ceil(360 / cell);
  const cells = new Map<number, number[]>();
  const rowOf = (la: number) => Math.floor((la + 90) / cell);
  const colOf = (lo: number) => ((Math.floor((lo + 180) / cell) % cols) + cols) % cols;
  const keyOf = (la: number, lo: number) => rowOf(la) * cols + colOf(lo);
  return {
    add(id: number, la: number, lo: number): void {
      const k = keyOf(la, lo);
      const list = cells.get(k);
      if (list) list.push(id);
      else cells.set(k, [id]);
    },
    move(id: number, fromLat: number, fromLng: number, toLat: number, toLng: number): void {
      const a = keyOf(fromLat, fromLng);
      const b = keyOf(toLat, toLng);
      if (a === b) return;
      const list = cells.get(a)!;
      list.splice(list.indexOf(id), 1);
      if (list.length === 0) cells.delete(a);
      this.add(id, toLat, toLng);
    },
    /** Every centre that may be within the radius of (la, lo), and others. */
    near(la: number, lo: number, fn: (id: number) => void): void {
      // A centre within the radius is at most one cell of latitude away; in longitude, at most
      // asin(sin(r / 2R) / cos φ) × 2, φ the highest latitude of the three rows.
      const maxLat = Math.min(90, Math.abs(la) + 2 * cell);
      const ratio = Math.sin(radiusM / (2 * EARTH_RADIUS_M)) / Math.cos(maxLat * RAD);
      const span = ratio >= 1 ? cols : Math.min(cols, Math.ceil((2 * Math.asin(ratio)) / RAD / cell));
      const row = rowOf(la);
      const col = colOf(lo);
      const width = Math.min(cols, 2 * span + 1);
      for (let r = row - 1; r <= row + 1; r++) {
        for (let c = 0; c < width; c++) {
          const list = cells.get(r * cols + (((col - span + c) % cols) + cols) % cols);
          if (list) for (const id of list) fn(id);
        }
      }
    },
  };
}

/** The nearest of `centres` within `radiusM` of each point, or -1: one index a point. */
function assign(s: PointSeries, centres: ReadonlyArray<{ lat: number; lng: number }>, radiusM: number): Int32Array {
  const grid = centreGrid(radiusM);
  centres.forEach((c, id) => grid.add(id, c.lat, c.lng));
  const out = new Int32Array(s.length);
  for (let i = 0; i < s.length; i++) {
    let best = -1;
    let bestD = Infinity;
    grid.near(s.lat[i]!, s.lng[i]!, (id) => {
      const d = distanceM(s.lat[i]!, s.lng[i]!, centres[id]!.lat, centres[id]!.lng);
      if (d <= radiusM && (d < bestD || (d === bestD && id < best))) {
        best = id;
        bestD = d;
      }
    });
    out[i] = best;
  }
  return out;
}

/** Rule 2: running-centre clustering in time order, then centres rounded and points assigned again. */
function cluster(s: PointSeries): { centres: Array<{ lat: number; lng: number }>; placeOf: Int32Array } {
  const grid = centreGrid(PLACE_RADIUS_M);
  const sums: Array<{ lat: number; lng: number; n: number }> = [];
  for (let i = 0; i < s.length; i++) {
    const la = s.lat[i]!;
    const lo = s.lng[i]!;
    let best = -1;
    let bestD = Infinity;
    grid.near(la, lo, (id) => {
      const c = sums[id]!;
      const d = distanceM(la, lo, c.lat / c.n, c.lng / c.n);
      if (d <= PLACE_RADIUS_M && (d < bestD || (d === bestD && id < best))) {
        best = id;
        bestD = d;
      }
    });
    if (best < 0) {
      sums.push({ lat: la, lng: lo, n: 1 });
      grid.add(sums.length - 1, la, lo);
    } else {
      const c = sums[best]!;
      const [oldLat, oldLng] = [c.lat / c.n, c.lng / c.n];
      c.lat += la;
      c.lng += lo;
      c.n += 1;
      grid.move(best, oldLat, oldLng, c.lat / c.n, c.lng / c.n);
    }
  }
  const centres = sums.map((c) => ({ lat: roundTo(c.lat / c.n, CENTRE_DECIMALS), lng: roundTo(c.lng / c.n, CENTRE_DECIMALS) }));
  return { centres, placeOf: assign(s, centres, PLACE_RADIUS_M) };
}

/**
 * Cuts [from, to) at local hour boundaries: `fn(day, hour, ms)` with the local day (days since
 * 1970-01-01) and hour of day 0–23 of each piece. On a day the clocks skip an hour, that hour of
 * day gets nothing; when they go back, it gets both.
 */
export function eachLocalHour(clock: ZoneClock, from: number, to: number, fn: (day: number, hour: number, ms: number) => void): void {
  let cur = from;
  while (cur < to) {
    const local = cur + clock.offset(cur);
    const into = ((local % HOUR_MS) + HOUR_MS) % HOUR_MS;
    const next = Math.min(to, cur + HOUR_MS - into);
    const day = Math.floor(local / DAY_MS);
    fn(day, Math.floor((local - day * DAY_MS) / HOUR_MS), next - cur);
    cur = next;
  }
}

const isDaytime = (hour: number) => hour >= DAYTIME_HOURS.from && hour < DAYTIME_HOURS.to;
const isNight = (hour: number) => hour >= NIGHT_HOURS.from || hour < NIGHT_HOURS.to;

/**
 * The shortest run of whole local hours (it may wrap past midnight) holding at least 4/5 of the
 * time: `to` is exclusive, 1–24, and smaller than `from` when the run wraps. Among runs as short,
 * the one with the most time, then the earliest. Null without time.
 */
export function typicalHours(hourMs: ArrayLike<number>): { from: number; to: number } | null {
  let total = 0;
  for (let h = 0; h < 24; h++) total += hourMs[h]!;
  if (total <= 0) return null;
  for (let len = 1; len <= 24; len++) {
    let best = -1;
    let bestSum = -1;
    for (let from = 0; from < 24; from++) {
      let sum = 0;
      for (let k = 0; k < len; k++) sum += hourMs[(from + k) % 24]!;
      if (sum * TYPICAL_SHARE.whole >= total * TYPICAL_SHARE.part && sum > bestSum) {
        best = from;
        bestSum = sum;
      }
    }
    if (best >= 0) return { from: best, to: best + len > 24 ? best + len - 24 : best + len };
  }
  return null;
}

/** One place as the accumulator sees it: exact sums in milliseconds. */
export interface PlaceAcc {
  /** Index in order of first visit. */
  id: number;
  lat: number;
  lng: number;
  points: number;
  ms: number;
  weekdayDaytimeMs: number;
  nightPoints: number;
  days: Set<number>;
  hourMs: Float64Array;
}

export interface FoundPlaces {
  /** Every place, in order of first visit. */
  all: PlaceAcc[];
  /** The likely home: most points at night; null without any. */
  home: PlaceAcc | null;
  /** The suggested workplace (rule 4), or null. */
  suggested: PlaceAcc | null;
  /** Up to TOP_PLACES places with time, by time spent (then points, then first visit); the suggested one always in. */
  top: PlaceAcc[];
}

/** Rules 1–4 over the member's sorted points. */
export function findPlaces(s: PointSeries, clock: ZoneClock): FoundPlaces {
  const { centres, placeOf } = cluster(s);
  const all: PlaceAcc[] = centres.map((c, id) => ({ id, ...c, points: 0, ms: 0, weekdayDaytimeMs: 0, nightPoints: 0, days: new Set(), hourMs: new Float64Array(24) }));
  for (let i = 0; i < s.length; i++) {
    const p = placeOf[i]!;
    if (p < 0) continue;
    const place = all[p]!;
    place.points += 1;
    const local = s.t[i]! + clock.offset(s.t[i]!);
    const day = Math.floor(local / DAY_MS);
    place.days.add(day);
    if (isNight(Math.floor((local - day * DAY_MS) / HOUR_MS))) place.nightPoints += 1;
  }
  eachStay(
    s,
    (i, j) => placeOf[i]! >= 0 && placeOf[i] === placeOf[j],
    (from, to, i) => {
      const place = all[placeOf[i]!]!;
      place.ms += to - from;
      eachLocalHour(clock, from, to, (day, hour, ms) => {
        place.hourMs[hour] = place.hourMs[hour]! + ms;
        if (weekday(day) < 5 && isDaytime(hour)) place.weekdayDaytimeMs += ms;
      });
    },
  );
  let home: PlaceAcc | null = null;
  for (const p of all) {
    if (p.nightPoints > 0 && (!home || p.nightPoints > home.nightPoints || (p.nightPoints === home.nightPoints && p.ms > home.ms))) home = p;
  }
  const byDaytime = (a: PlaceAcc, b: PlaceAcc) => b.weekdayDaytimeMs - a.weekdayDaytimeMs || b.ms - a.ms || a.id - b.id;
  const candidates = all.filter((p) => p.weekdayDaytimeMs > 0).sort(byDaytime);
  const suggested = candidates.find((p) => p !== home) ?? candidates[0] ?? null;
  const top = all.filter((p) => p.ms > 0).sort((a, b) => b.ms - a.ms || b.points - a.points || a.id - b.id).slice(0, TOP_PLACES);
  if (suggested && !top.includes(suggested)) top.push(suggested);
  return { all, home, suggested, top };
}
