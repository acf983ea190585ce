import { ImportError } from '../errors.ts';
import type { Member } from '../io/container.ts';
import { readJsonElements } from '../io/json.ts';
import { isoOf, parseIsoLike, wallMs } from '../values/time.ts';
import type { ImportContext, Importer, Probe, ProbeFile, RawItem, Verdict } from './importer.ts';

/**
 * Google Takeout location history (format documented at locationhistoryformat.com):
 * `Records.json` (`{"locations":[{latitudeE7, longitudeE7, timestamp | timestampMs, accuracy,
 * source…}]}`) and the monthly Semantic Location History files
 * (`{"timelineObjects":[{placeVisit} | {activitySegment}]}`), alone or inside the Takeout zip.
 */
type Kind = 'records' | 'semantic';

function kindOf(head: string | null): Kind | null {
  if (!head) return null;
  const start = head.slice(0, 4096);
  if (/^\s*\{\s*"locations"\s*:\s*\[/.test(start) && /"(latitudeE7|timestampMs|timestamp)"/.test(start)) return 'records';
  if (/^\s*\{\s*"timelineObjects"\s*:\s*\[/.test(start)) return 'semantic';
  return null;
}

/** E7 integers that overflowed a signed 32-bit field are written as large positives. */
function e7(value: unknown, limit: number): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  let v = value;
  if (v > limit * 1e7) v -= 4294967296;
  const deg = v / 1e7;
  return Math.abs(deg) <= limit ? deg : null;
}

function instant(ts: unknown, ms: unknown): number | null {
  if (typeof ts === 'string') {
    const p = parseIsoLike(ts);
    if (p) return wallMs(p.wall) - (p.offsetMs ?? 0);
  }
  if (typeof ms === 'string' && /^\d{1,15}$/.test(ms)) return Number(ms);
  if (typeof ms === 'number' && Number.isSafeInteger(ms)) return ms;
  return null;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

function point(file: string, row: number, t: number, lat: number, lng: number, accuracy: unknown, source: string): RawItem {
  return {
    kind: 'record',
    dataset: 'location_points',
    file,
    row,
    occurredAt: new Date(t),
    data: {
      recorded_at: isoOf(t),
      lat,
      lng,
      accuracy_m: typeof accuracy === 'number' && Number.isFinite(accuracy) && accuracy >= 0 ? accuracy : null,
      source,
    },
  };
}

async function* records(ctx: ImportContext, member: Member): AsyncGenerator<RawItem> {
  for await (const { index, value } of readJsonElements(ctx.container.open(member), '$.locations.*', member.name, ctx.limits)) {
    const r = obj(value);
    const lat = e7(r?.latitudeE7, 90);
    const lng = e7(r?.longitudeE7, 180);
    const t = instant(r?.timestamp, r?.timestampMs);
    if (!r || lat === null || lng === null) {
      yield { kind: 'dropped', file: member.name, row: index, reason: 'location record without valid coordinates' };
      continue;
    }
    if (t === null) {
      yield { kind: 'dropped', file: member.name, row: index, reason: 'location record without a time' };
      continue;
    }
    const source = typeof r.source === 'string' && /^[A-Za-z_]{1,20}$/.test(r.source) ? `google_records_${r.source.toLowerCase()}` : 'google_records';
    yield point(member.name, index, t, lat, lng, r.accuracy, source);
  }
}

async function* semantic(ctx: ImportContext, member: Member): AsyncGenerator<RawItem> {
  let untimed = 0;
  for await (const { index, value } of readJsonElements(ctx.container.open(member), '$.timelineObjects.*', member.name, ctx.limits)) {
    const o = obj(value);
    const visit = obj(o?.placeVisit);
    const segment = obj(o?.activitySegment);
    let produced = 0;
    if (visit) {
      const loc = obj(visit.location);
      const duration = obj(visit.duration);
      const lat = e7(loc?.latitudeE7 ?? visit.centerLatE7, 90);
      const lng = e7(loc?.longitudeE7 ?? visit.centerLngE7, 180);
      const t = instant(duration?.startTimestamp, duration?.startTimestampMs);
      if (lat !== null && lng !== null && t !== null) {
        produced++;
        yield point(member.name, index, t, lat, lng, loc?.accuracyMetres ?? loc?.accuracyMeters, 'google_semantic_place');
      }
    }
    if (segment) {
      const duration = obj(segment.duration);
      const ends: Array<[unknown, unknown, unknown]> = [
        [segment.startLocation, duration?.startTimestamp, duration?.startTimestampMs],
        [segment.endLocation, duration?.endTimestamp, duration?.endTimestampMs],
      ];
      for (const [where, ts, ms] of ends) {
        const loc = obj(where);
        const lat = e7(loc?.latitudeE7, 90);
        const lng = e7(loc?.longitudeE7, 180);
        const t = instant(ts, ms);
        if (lat !== null && lng !== null && t !== null) {
          produced++;
          yield point(member.name, index, t, lat, lng, loc?.accuracyMetres ?? loc?.accuracyMeters, 'google_semantic_activity');
        }
      }
      const raw = obj(segment.simplifiedRawPath);
      for (const p of Array.isArray(raw?.points) ? raw.points : []) {
        const q = obj(p);
        const lat = e7(q?.latE7, 90);
        const lng = e7(q?.lngE7, 180);
        const t = instant(q?.timestamp, q?.timestampMs);
        if (lat !== null && lng !== null && t !== null) {
          produced++;
          yield point(member.name, index, t, lat, lng, q?.accuracyMeters, 'google_semantic_path');
        }
      }
      const waypoints = obj(segment.waypointPath)?.waypoints;
      if (Array.isArray(waypoints)) untimed += waypoints.length;
    }
    if (produced === 0) yield { kind: 'dropped', file: member.name, row: index, reason: 'timeline object without a timed location' };
  }
  if (untimed > 0) ctx.warn('waypoints_untimed', `${untimed} route waypoints carry no time and were not imported.`, { file: member.name });
}

function kinds(probe: Probe): Array<{ file: ProbeFile; kind: Kind }> {
  return probe.files.flatMap((file) => {
    const kind = /\.json$/i.test(file.member.path) || probe.container === 'file' ? kindOf(file.head) : null;
    return kind ? [{ file, kind }] : [];
  });
}

export const googleLocation: Importer = {
  name: 'google-location-history',
  version: '1.0.0',
  title: 'Google Takeout location history',
  detect(probe: Probe): Verdict | null {
    const found = kinds(probe);
    if (found.length === 0) return null;
    const names = found.slice(0, 3).map((f) => `${f.kind} (${f.file.member.path})`).join(', ');
    return { confidence: 0.9, reason: `Google location history: ${names}${found.length > 3 ? ` and ${found.length - 3} more` : ''}` };
  },
  async *run(ctx: ImportContext): AsyncGenerator<RawItem> {
    for (const member of ctx.container.members) {
      const head = (await ctx.container.peek(member, 4096)).toString('utf8').replace(/^\uFEFF/, '');
      const kind = ctx.container.kind === 'file' || /\.json$/i.test(member.path) ? kindOf(head) : null;
      if (kind === 'records') yield* records(ctx, member);
      else if (kind === 'semantic') yield* semantic(ctx, member);
      else if (ctx.container.kind === 'file') {
        throw new ImportError('unsupported_format', { file: member.name }, 'is not a Google location history file (Records.json or a Semantic Location History month)');
      } else ctx.ignore(member.name, 'not a location history file');
    }
  },
};
