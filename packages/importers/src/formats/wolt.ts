import { isoOf } from '../values/time.ts';
import { Clock, SyntheticIds, requireZone, type At } from './common.ts';
import { headerScore, type ColumnTable } from './columns.ts';
import type { ImportContext, Importer, Probe, RawItem, Verdict } from './importer.ts';
import { readTable } from './read.ts';
import { probeHeader } from './uber/detect.ts';

/** Wolt courier `courier_tasks.csv`: one row per pickup or drop-off task. */
const COLUMNS = {
  created: { aliases: ['Task creation time', 'task_creation_time', 'Created at'], required: true },
  completed: { aliases: ['Task completion time', 'task_completion_time', 'Completed at'] },
  isPickup: { aliases: ['Is pickup task', 'is_pickup_task'], required: true },
  vehicle: { aliases: ['Completed with vehicle type', 'Vehicle type', 'vehicle_type'] },
  arrivedAt: { aliases: ['Arrived at', 'arrived_at'] },
  startedAt: { aliases: ['Started at', 'started_at'] },
  taskId: { aliases: ['Task ID', 'task_id'] },
} as const satisfies ColumnTable<string>;

const SIGNATURE = {
  created: COLUMNS.created,
  isPickup: COLUMNS.isPickup,
  vehicle: { aliases: COLUMNS.vehicle.aliases, required: true },
} as const satisfies ColumnTable<string>;

function truthy(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (['true', 'yes', '1', 'y'].includes(t)) return true;
  if (['false', 'no', '0', 'n'].includes(t)) return false;
  return null;
}

export const wolt: Importer = {
  name: 'wolt-courier',
  version: '1.0.0',
  title: 'Wolt courier task file',
  detect(probe: Probe): Verdict | null {
    for (const f of probe.files) {
      const header = probeHeader(f.head);
      if (header && headerScore(header, SIGNATURE) === 1) return { confidence: 0.9, reason: `Wolt courier tasks (${f.member.path}): columns ${header.join(', ')}` };
    }
    return null;
  },
  async *run(ctx: ImportContext): AsyncGenerator<RawItem> {
    const clock = new Clock(ctx, requireZone(ctx, ctx.container.name, 'Wolt task times are local times'));
    for (const member of ctx.container.members) {
      const header = probeHeader((await ctx.container.peek(member, 16 * 1024)).toString('utf8').replace(/^\uFEFF/, ''));
      if (ctx.container.kind === 'zip' && (!header || headerScore(header, SIGNATURE) < 1)) {
        ctx.ignore(member.name, 'not a Wolt task file');
        continue;
      }
      const ids = new SyntheticIds('wolt-task');
      for await (const { row, values, cols } of readTable(ctx, member, COLUMNS)) {
        const at = (field: keyof typeof COLUMNS): At => ({ file: member.name, row, column: cols.name(field) });
        const v = (field: keyof typeof COLUMNS) => cols.get(values, field).trim();
        const created = clock.local(v('created'), at('created'));
        const started = v('startedAt') ? clock.local(v('startedAt'), at('startedAt')) : null;
        const completed = v('completed') ? clock.local(v('completed'), at('completed')) : null;
        const pickup = truthy(v('isPickup'));
        // One export has a line break inside a quoted vehicle type ("BIC\nYCLE"): drop the whitespace.
        const rawVehicle = cols.get(values, 'vehicle');
        const vehicle = rawVehicle.replace(/\s+/g, '');
        if (vehicle !== rawVehicle.trim()) ctx.warn('value_repaired', 'A vehicle type had a line break inside it; it was joined.', { file: member.name, row });
        if (completed === null) ctx.warn('task_not_completed', 'Some tasks were never completed (no completion time); they have status "other".', { file: member.name, row });
        const start = started ?? created;
        yield {
          kind: 'record',
          dataset: 'work_tasks',
          file: member.name,
          row,
          occurredAt: new Date(start),
          data: {
            platform: 'wolt',
            task_type: 'delivery',
            status: completed !== null ? 'completed' : 'other',
            product: vehicle || null,
            city: null,
            requested_at: isoOf(created),
            started_at: isoOf(start),
            ended_at: completed === null ? null : isoOf(completed),
            duration_s: completed !== null && completed >= start ? Math.round((completed - start) / 1000) : null,
            distance_m: null,
            gross_fare: null,
            currency: null,
            external_id: v('taskId') || ids.next([v('created'), pickup === null ? v('isPickup') : pickup ? 'pickup' : 'dropoff']),
          },
        };
      }
    }
  },
};
