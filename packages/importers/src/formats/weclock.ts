import { ImportError } from '../errors.ts';
import { readCsv } from '../io/csv.ts';
import type { Member } from '../io/container.ts';
import { toNumber } from '../values/money.ts';
import { isoOf, parseClock, parseSlashDate, slashDateOrders } from '../values/time.ts';
import { Clock, headText, requireZone } from './common.ts';
import type { ImportContext, Importer, Probe, RawItem, Verdict } from './importer.ts';

/**
 * WeClock export: no header; `index,id,type,date,time,value…` where the localised date and time
 * are two fields (`3/23/22`, ` 2:51 PM`) and a geologging value is `lat, lng` split in two, or
 * sometimes a street address. Newest row first.
 */
const LINE = /^\d+,-?\d+,[A-Za-z][A-Za-z ]*,\d{1,2}\/\d{1,2}\/\d{2,4},\s*\d{1,2}:\d{2}/;

function lines(head: string): string[] {
  return head.split(/\r?\n/).filter((l) => l.trim() !== '').slice(0, 200);
}

function inferOrder(head: string): { order: 'MDY' | 'DMY'; decided: boolean } {
  let mdy = true;
  let dmy = true;
  for (const line of lines(head)) {
    const date = line.split(',')[3];
    if (!date) continue;
    const allowed = slashDateOrders(date);
    if (allowed.length === 0) continue;
    mdy &&= allowed.includes('MDY');
    dmy &&= allowed.includes('DMY');
  }
  if (mdy && !dmy) return { order: 'MDY', decided: true };
  if (dmy && !mdy) return { order: 'DMY', decided: true };
  return { order: 'MDY', decided: false };
}

const COORD = /^\s*-?\d+(\.\d+)?\s*$/;

export const weclock: Importer = {
  name: 'weclock',
  version: '1.0.0',
  title: 'WeClock export',
  detect(probe: Probe): Verdict | null {
    for (const f of probe.files) {
      if (!f.head) continue;
      const ls = lines(f.head);
      const hits = ls.filter((l) => LINE.test(l)).length;
      if (ls.length > 0 && hits / ls.length >= 0.8) {
        return { confidence: 0.9, reason: `WeClock log (${f.member.path}): headerless rows of index, id, type, date, time` };
      }
    }
    return null;
  },
  async *run(ctx: ImportContext): AsyncGenerator<RawItem> {
    const clock = new Clock(ctx, requireZone(ctx, ctx.container.name, 'WeClock writes local times'));
    for (const member of ctx.container.members) yield* readWeclock(ctx, member, clock);
  },
};

async function* readWeclock(ctx: ImportContext, member: Member, clock: Clock): AsyncGenerator<RawItem> {
  const head = headText(await ctx.container.peek(member, 64 * 1024)) ?? '';
  let order = ctx.options.dateOrder;
  if (!order) {
    const inferred = inferOrder(head);
    order = inferred.order;
    if (!inferred.decided) ctx.warn('date_order_assumed', 'Dates could be month/day or day/month; month/day was assumed. Pass dateOrder if that is wrong.', { file: member.name });
  }
  const others = new Map<string, number>();
  let rows = 0;
  for await (const { row, values } of readCsv(ctx.container.open(member), { file: member.name, delimiter: ',', header: false, limits: ctx.limits })) {
    rows++;
    const type = (values[2] ?? '').trim().toLowerCase();
    const dateText = values[3] ?? '';
    const day = parseSlashDate(dateText, order);
    const time = parseClock(values[4] ?? '');
    if (!day) throw new ImportError('invalid_value', { file: member.name, row, column: '#4 (date)' }, `must be a ${order === 'MDY' ? 'month/day/year' : 'day/month/year'} date, got ${JSON.stringify(dateText)}; pass dateOrder if the order is the other one`);
    if (!time) throw new ImportError('invalid_value', { file: member.name, row, column: '#5 (time)' }, `must be a time such as 2:51 PM, got ${JSON.stringify(values[4] ?? '')}`);
    const at = clock.wall({ ...day, ...time, millisecond: 0 }, { file: member.name, row, column: '#4-5 (date, time)' });
    if (type !== 'geologging') {
      others.set(type || '(blank)', (others.get(type || '(blank)') ?? 0) + 1);
      continue;
    }
    const [latText, lngText] = [values[5] ?? '', values[6] ?? ''];
    if (!COORD.test(latText) || !COORD.test(lngText)) {
      yield { kind: 'dropped', file: member.name, row, reason: 'location is a street address, not coordinates' };
      continue;
    }
    const lat = toNumber(latText.trim(), '.');
    const lng = toNumber(lngText.trim(), '.');
    if (typeof lat !== 'number' || typeof lng !== 'number' || Math.abs(lat) > 90 || Math.abs(lng) > 180) {
      yield { kind: 'dropped', file: member.name, row, reason: 'coordinates out of range' };
      continue;
    }
    yield {
      kind: 'record',
      dataset: 'location_points',
      file: member.name,
      row,
      occurredAt: new Date(at),
      data: { recorded_at: isoOf(at), lat, lng, accuracy_m: null, source: 'weclock' },
    };
  }
  for (const [type, n] of others) {
    ctx.extra(member.name, `weclock_${type.replace(/[^a-z0-9]+/g, '_')}`, n, `WeClock "${type}" rows; no canonical dataset holds them yet`);
  }
  if (rows === 0) ctx.warn('no_rows', 'The file is empty.', { file: member.name });
}
