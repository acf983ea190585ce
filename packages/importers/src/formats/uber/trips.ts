import { ImportError } from '../../errors.ts';
import type { Member } from '../../io/container.ts';
import { isoOf, zoneOffsetMs } from '../../values/time.ts';
import { Clock, METERS_PER_MILE, SyntheticIds, currencyCode, money, num, type At } from '../common.ts';
import type { ImportContext, RawItem } from '../importer.ts';
import { readTable } from '../read.ts';
import { COURIER_TRIP_COLUMNS, DRIVER_TRIP_COLUMNS } from './columns.ts';
import type { TripTimeIndex } from './join.ts';

export function taskStatus(text: string): 'completed' | 'cancelled' | 'other' {
  const s = text.trim().toLowerCase();
  if (s === 'completed' || s === 'complete') return 'completed';
  if (/cancel/.test(s) || s === 'unfulfilled') return 'cancelled';
  return 'other';
}

/** What the trips pass learns for the files after it. */
export interface TripFacts {
  currencies: Set<string>;
  zoneInFile: string | null;
}

const MISMATCH_MS = 60_000;

/**
 * Driver trips (EU `Driver Lifetime Trips`, US title-case and snake_case `driver_lifetime_trips-N`)
 * → work_tasks. UTC columns are used when present; local columns are converted with the zone and,
 * when both exist, checked against each other so a wrong zone is reported.
 */
export async function* driverTrips(ctx: ImportContext, member: Member, clock: () => Clock, index: TripTimeIndex, facts: TripFacts): AsyncGenerator<RawItem> {
  const ids = new SyntheticIds('uber-trip');
  let mismatches = 0;
  for await (const { row, values, cols } of readTable(ctx, member, DRIVER_TRIP_COLUMNS)) {
    const at = (field: keyof typeof DRIVER_TRIP_COLUMNS): At => ({ file: member.name, row, column: cols.name(field) });
    const v = (field: keyof typeof DRIVER_TRIP_COLUMNS) => cols.get(values, field).trim();
    if (!cols.has('requestLocal') && !cols.has('requestUtc')) {
      throw new ImportError('missing_column', { file: member.name, row: 1, column: 'request_timestamp_local' }, 'has no request time column (request_timestamp_local, request_timestamp_utc or "Local Request Timestamp")');
    }
    const zoneText = v('timezone');
    if (zoneText && !facts.zoneInFile) facts.zoneInFile = zoneText;
    let rowMismatch = false;
    const instant = (local: 'requestLocal' | 'beginLocal' | 'dropoffLocal', utc: 'requestUtc' | 'beginUtc' | 'dropoffUtc'): number | null => {
      const u = v(utc);
      const l = v(local);
      const fromUtc = u ? clock().utc(u, at(utc)) : null;
      if (fromUtc !== null && l && clock().zone) {
        if (Math.abs(clock().local(l, at(local)) - fromUtc) > MISMATCH_MS) rowMismatch = true;
      }
      if (fromUtc !== null) return fromUtc;
      return l ? clock().local(l, at(local)) : null;
    };
    const requested = instant('requestLocal', 'requestUtc');
    let begun = instant('beginLocal', 'beginUtc');
    const ended = instant('dropoffLocal', 'dropoffUtc');
    if (rowMismatch) mismatches++;
    if (begun === null && !cols.has('beginLocal') && !cols.has('beginUtc') && ended !== null && v('durationSeconds') && taskStatus(v('status')) === 'completed') {
      // The US title-case layout has no begin-trip column: the trip began its duration before drop-off.
      begun = ended - Math.round(num(v('durationSeconds'), at('durationSeconds'))) * 1000;
      ctx.warn('start_derived', 'The file has no begin-trip time; trips are taken to begin their duration before drop-off.', { file: member.name });
    }
    const started = begun ?? requested;
    if (started === null) {
      yield { kind: 'dropped', file: member.name, row, reason: 'trip has neither a request nor a start time' };
      continue;
    }
    const platformId = v('tripId') || null;
    const externalId = platformId ?? ids.next([v('requestUtc') || v('requestLocal'), v('beginUtc') || v('beginLocal'), v('product'), v('status')]);
    let currency = v('currency') ? currencyCode(v('currency'), at('currency')) : (ctx.options.currency ?? null);
    const fareText = v('fare');
    let fare: number | null = null;
    if (fareText) {
      if (!currency) throw new ImportError('missing_option', at('fare'), 'has amounts but the file names no currency: pass the currency');
      currency = currencyCode(currency, at('currency'));
      fare = money(ctx, fareText, currency, at('fare'));
    }
    if (currency) facts.currencies.add(currency);
    const miles = v('distanceMiles');
    const seconds = v('durationSeconds');
    const status = taskStatus(v('status'));
    const local = v('requestLocal');
    index.add(local ? Clock.wallKey(local) : requested !== null && clock().zone ? requested + zoneOffsetMs(clock().zone!, requested) : null, externalId);
    yield {
      kind: 'record',
      dataset: 'work_tasks',
      file: member.name,
      row,
      occurredAt: new Date(started),
      data: {
        platform: 'uber',
        task_type: 'trip',
        status,
        product: v('product') || null,
        city: v('city') || null,
        requested_at: requested === null ? null : isoOf(requested),
        started_at: isoOf(started),
        ended_at: ended === null ? null : isoOf(ended),
        // A trip that never began has no time on task, whatever the export writes.
        duration_s: seconds && begun !== null ? Math.round(num(seconds, at('durationSeconds'))) : null,
        distance_m: miles && begun !== null ? Math.round(num(miles, at('distanceMiles')) * METERS_PER_MILE) : null,
        gross_fare: fare,
        currency,
        external_id: externalId,
      },
    };
    if (begun === null) ctx.warn('trip_without_start', 'Some trips never began (e.g. cancelled by the rider); their request time is used as their start.', { file: member.name, row });
  }
  if (mismatches > 0) {
    ctx.warn('zone_mismatch', `On ${mismatches} trips the local times, read in ${clock().zone}, differ from the file's own UTC times; the UTC times were used. Is the time zone right?`, { file: member.name });
  }
}

/** Uber Eats courier deliveries → work_tasks (no fares in this file; pay is in the payments file). */
export async function* courierTrips(ctx: ImportContext, member: Member, clock: Clock, index: TripTimeIndex): AsyncGenerator<RawItem> {
  const ids = new SyntheticIds('uber-eats-delivery');
  let mismatches = 0;
  for await (const { row, values, cols } of readTable(ctx, member, COURIER_TRIP_COLUMNS)) {
    const at = (field: keyof typeof COURIER_TRIP_COLUMNS): At => ({ file: member.name, row, column: cols.name(field) });
    const v = (field: keyof typeof COURIER_TRIP_COLUMNS) => cols.get(values, field).trim();
    const acceptLocal = v('acceptLocal');
    const acceptUtc = v('acceptUtc');
    let accepted: number | null = acceptUtc ? clock.utc(acceptUtc, at('acceptUtc')) : null;
    if (acceptLocal) {
      const fromLocal = clock.local(acceptLocal, at('acceptLocal'));
      if (accepted !== null && Math.abs(fromLocal - accepted) > MISMATCH_MS) mismatches++;
      accepted ??= fromLocal;
    }
    const begun = v('beginLocal') ? clock.local(v('beginLocal'), at('beginLocal')) : null;
    const ended = v('dropoffLocal') ? clock.local(v('dropoffLocal'), at('dropoffLocal')) : null;
    const started = begun ?? accepted;
    if (started === null) {
      yield { kind: 'dropped', file: member.name, row, reason: 'delivery has neither an accept nor a pickup time' };
      continue;
    }
    const platformId = v('tripId') || null;
    const externalId = platformId ?? ids.next([acceptUtc || acceptLocal, v('restaurantRequestLocal'), v('dropoffLocal'), v('status')]);
    index.add(acceptLocal ? Clock.wallKey(acceptLocal) : null, externalId);
    const miles = v('distanceMiles');
    const seconds = v('durationSeconds');
    yield {
      kind: 'record',
      dataset: 'work_tasks',
      file: member.name,
      row,
      occurredAt: new Date(started),
      data: {
        platform: 'uber_eats',
        task_type: 'delivery',
        status: taskStatus(v('status')),
        product: null,
        city: v('city') || null,
        requested_at: accepted === null ? null : isoOf(accepted),
        started_at: isoOf(started),
        ended_at: ended === null ? null : isoOf(ended),
        duration_s: seconds && begun !== null ? Math.round(num(seconds, at('durationSeconds'))) : null,
        distance_m: miles && begun !== null ? Math.round(num(miles, at('distanceMiles')) * METERS_PER_MILE) : null,
        gross_fare: null,
        currency: null,
        external_id: externalId,
      },
    };
    if (begun === null) ctx.warn('delivery_without_pickup', 'Some deliveries were never picked up (cancelled or unfulfilled); their accept time is used as their start.', { file: member.name, row });
  }
  if (mismatches > 0) {
    ctx.warn('zone_mismatch', `On ${mismatches} deliveries the local accept time, read in ${clock.zone}, differs from the file's own UTC time; the UTC time was used. Is the time zone right?`, { file: member.name });
  }
}
