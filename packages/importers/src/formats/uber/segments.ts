import type { Member } from '../../io/container.ts';
import { isoOf } from '../../values/time.ts';
import { num, type At, type Clock } from '../common.ts';
import type { ImportContext, RawItem } from '../importer.ts';
import { readTable } from '../read.ts';
import { SEGMENT_COLUMNS } from './columns.ts';

/** Uber's earner states → canonical segment states. */
const STATES: Record<string, 'online' | 'engaged' | 'offline'> = {
  open: 'online',
  online: 'online',
  available: 'online',
  enroute: 'engaged',
  en_route: 'engaged',
  dispatched: 'engaged',
  accepted: 'engaged',
  ontrip: 'engaged',
  on_trip: 'engaged',
  on_delivery: 'engaged',
  offline: 'offline',
};

/** Online/offline periods → time_segments (open → online; enroute, ontrip → engaged). */
export async function* segments(ctx: ImportContext, member: Member, clock: Clock, platform: 'uber' | 'uber_eats'): AsyncGenerator<RawItem> {
  for await (const { row, values, cols } of readTable(ctx, member, SEGMENT_COLUMNS)) {
    const at = (field: keyof typeof SEGMENT_COLUMNS): At => ({ file: member.name, row, column: cols.name(field) });
    const v = (field: keyof typeof SEGMENT_COLUMNS) => cols.get(values, field).trim();
    const raw = v('state').toLowerCase();
    const state = STATES[raw];
    if (!state) {
      yield { kind: 'dropped', file: member.name, row, reason: `unknown earner state "${raw || '(blank)'}"` };
      continue;
    }
    const begin = v('beginUtc') ? clock.utc(v('beginUtc'), at('beginUtc')) : v('beginLocal') ? clock.local(v('beginLocal'), at('beginLocal')) : null;
    const end = v('endUtc') ? clock.utc(v('endUtc'), at('endUtc')) : v('endLocal') ? clock.local(v('endLocal'), at('endLocal')) : null;
    if (begin === null || end === null) {
      // Seen on offline periods: the export leaves the end blank; we do not guess it.
      yield { kind: 'dropped', file: member.name, row, reason: begin === null ? 'segment without a begin time' : 'segment without an end time' };
      continue;
    }
    if (end < begin) {
      yield { kind: 'dropped', file: member.name, row, reason: 'segment ends before it begins' };
      continue;
    }
    const ms = v('durationMs');
    const duration = ms ? Math.round(num(ms, at('durationMs')) / 1000) : Math.round((end - begin) / 1000);
    yield {
      kind: 'record',
      dataset: 'time_segments',
      file: member.name,
      row,
      occurredAt: new Date(begin),
      data: { platform, state, started_at: isoOf(begin), ended_at: isoOf(end), duration_s: duration },
    };
  }
}
