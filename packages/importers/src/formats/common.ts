import { createHash } from 'node:crypto';
import { ImportError } from '../errors.ts';
import { toMinorUnits, toNumber, type DecimalSeparator } from '../values/money.ts';
import { isValidTimeZone, parseIsoLike, wallMs, wallTimeToInstant, type WallTime } from '../values/time.ts';
import type { ImportContext } from './importer.ts';

/** Decodes the start of a file for detection; null when it looks binary. */
export function headText(head: Buffer): string | null {
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return new TextDecoder('utf-16le').decode(head.subarray(2));
  const probe = head.subarray(0, 4096);
  if (probe.includes(0)) return null;
  return new TextDecoder('utf-8').decode(head).replace(/^\uFEFF/, '');
}

export interface At {
  file: string;
  row: number;
  column: string;
}

/** The zone the caller gave, checked; `fallback` (e.g. a zone the export names) is used when none was given. */
export function requireZone(ctx: ImportContext, file: string, why: string, fallback?: string | null): string {
  const zone = ctx.options.timezone ?? fallback ?? null;
  if (!zone) {
    throw new ImportError('missing_option', { file }, `${why}: pass the IANA time zone of the export (timezone, e.g. "Europe/Paris")`);
  }
  if (!isValidTimeZone(zone)) throw new ImportError('invalid_option', { file }, `"${zone}" is not an IANA time zone`);
  if (!ctx.options.timezone && fallback) ctx.warn('timezone_from_file', `No time zone was given; used ${zone}, the zone the export names.`, { file });
  return zone;
}

function bad(at: At, text: string, wanted: string): ImportError {
  const shown = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return new ImportError('invalid_value', at, `must be ${wanted}, got ${JSON.stringify(shown)}`);
}

/** Reads times, counting DST oddities as warnings. */
export class Clock {
  readonly zone: string | null;
  private readonly ctx: ImportContext;
  constructor(ctx: ImportContext, zone: string | null) {
    this.ctx = ctx;
    this.zone = zone;
  }

  /** A column documented as UTC: an offset in the text is honoured, none means UTC. */
  utc(text: string, at: At): number {
    const p = parseIsoLike(text);
    if (!p) throw bad(at, text, 'a date and time such as 2021-02-28T23:17:18Z');
    return wallMs(p.wall) - (p.offsetMs ?? 0);
  }

  /** A wall-clock column: any `Z` or offset in the text is false and ignored; the zone decides. */
  local(text: string, at: At): number {
    const p = parseIsoLike(text);
    if (!p) throw bad(at, text, 'a date and time such as 2021-02-28 23:17:18');
    return this.wall(p.wall, at);
  }

  wall(w: WallTime, at: At): number {
    if (!this.zone) throw new ImportError('missing_option', at, 'is local time: pass the time zone of the export');
    const r = wallTimeToInstant(w, this.zone);
    if (r.ambiguous) this.ctx.warn('ambiguous_local_time', `Some local times fall in the hour repeated when clocks went back in ${this.zone}; the first occurrence was used.`, at);
    if (r.skipped) this.ctx.warn('skipped_local_time', `Some local times fall in the hour skipped when clocks went forward in ${this.zone}; they were moved forward by the gap.`, at);
    return r.ms;
  }

  /** Wall time as a zone-free number (to join files by local time). */
  static wallKey(text: string): number | null {
    const p = parseIsoLike(text);
    return p ? wallMs(p.wall) : null;
  }
}

/** Money in minor units; rounding beyond the currency's decimals is counted as a warning. */
export function money(ctx: ImportContext, text: string, currency: string, at: At, decimal: DecimalSeparator | undefined = '.'): number {
  const r = toMinorUnits(text, currency, decimal);
  if (typeof r === 'string') throw new ImportError('invalid_value', at, `must be an amount in ${currency}: ${JSON.stringify(text)} ${r}`);
  if (r.rounded) ctx.warn('amount_rounded', `Some amounts had more decimals than ${currency} allows and were rounded half to even.`, at);
  return r.minor;
}

export function num(text: string, at: At, decimal: DecimalSeparator | undefined = '.'): number {
  const r = toNumber(text, decimal);
  if (typeof r === 'string') throw new ImportError('invalid_value', at, `must be a number: ${JSON.stringify(text)} ${r}`);
  return r;
}

export function currencyCode(text: string, at: At): string {
  const c = text.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) throw bad(at, text, 'an ISO 4217 currency code such as EUR');
  return c;
}

/**
 * A stable id for a task the export gives no id for, from the values that identify it; repeats
 * within one file get `-2`, `-3`… so re-importing the same file gives the same ids.
 */
export class SyntheticIds {
  private readonly seen = new Map<string, number>();
  private readonly prefix: string;
  constructor(prefix: string) {
    this.prefix = prefix;
  }
  next(parts: readonly string[]): string {
    const h = createHash('sha256').update(parts.join('\u001f')).digest('hex').slice(0, 20);
    const n = (this.seen.get(h) ?? 0) + 1;
    this.seen.set(h, n);
    return `${this.prefix}:${h}${n > 1 ? `-${n}` : ''}`;
  }
}

export const METERS_PER_MILE = 1609.344;
