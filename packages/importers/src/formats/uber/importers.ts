import type { Member } from '../../io/container.ts';
import { isValidTimeZone } from '../../values/time.ts';
import { ImportError } from '../../errors.ts';
import { Clock, requireZone } from '../common.ts';
import type { ImportContext, Importer, Probe, RawItem, Verdict } from '../importer.ts';
import { countRows } from '../read.ts';
import { EXTRA_NOTES, type Role } from './columns.ts';
import { membersByRole, probeRoles } from './detect.ts';
import { TripTimeIndex } from './join.ts';
import { payments } from './payments.ts';
import { segments } from './segments.ts';
import { courierTrips, driverTrips, type TripFacts } from './trips.ts';

function describe(found: Array<{ file: { member: { path: string } }; role: Role }>): string {
  return found.map((f) => `${f.role} (${f.file.member.path})`).join(', ');
}

/** Files no canonical dataset holds yet: read to the end (hashed, bounded) and counted. */
async function extras(ctx: ImportContext, members: Map<Role, Member[]>): Promise<void> {
  for (const role of ['dispatches', 'restrictions', 'badges'] as const) {
    for (const m of members.get(role) ?? []) {
      const rows = await countRows(ctx, m);
      const info = EXTRA_NOTES[role]!;
      ctx.extra(m.name, info.kind, rows, info.note);
      if (rows === 0) ctx.warn('no_rows', 'The file is empty.', { file: m.name });
    }
  }
}

/**
 * Uber driver exports: the EU "download your data" zip (numbered semicolon CSVs), the US
 * title-case and snake_case layouts, or one of their CSV files on its own.
 */
export const uberDriver: Importer = {
  name: 'uber-driver',
  version: '1.0.0',
  title: 'Uber driver export',
  detect(probe: Probe): Verdict | null {
    const found = probeRoles(probe);
    if (found.some((f) => f.role === 'courierTrips')) return null;
    const trips = found.filter((f) => f.role === 'driverTrips' && f.headerAgrees);
    if (trips.length > 0) return { confidence: 0.95, reason: `Uber driver trips: ${describe(found)}` };
    const others = found.filter((f) => (f.role === 'payments' || f.role === 'segments') && f.headerAgrees);
    if (others.length > 0) return { confidence: 0.7, reason: `Uber earner files without a trips file: ${describe(found)}` };
    return null;
  },
  async *run(ctx: ImportContext): AsyncGenerator<RawItem> {
    const { roles, other } = await membersByRole(ctx);
    const facts: TripFacts = { currencies: new Set(), zoneInFile: null };
    const index = new TripTimeIndex((roles.get('payments') ?? []).length > 0);
    let clock: Clock | null = null;
    const getClock = (): Clock => {
      if (clock) return clock;
      const given = ctx.options.timezone;
      if (given && !isValidTimeZone(given)) throw new ImportError('invalid_option', { file: ctx.container.name }, `"${given}" is not an IANA time zone`);
      const fromFile = facts.zoneInFile && isValidTimeZone(facts.zoneInFile) ? facts.zoneInFile : null;
      if (!given && fromFile) ctx.warn('timezone_from_file', `No time zone was given; used ${fromFile}, the zone the export names.`, { file: ctx.container.name });
      clock = new Clock(ctx, given ?? fromFile);
      return clock;
    };
    for (const m of roles.get('driverTrips') ?? []) yield* driverTrips(ctx, m, getClock, index, facts);
    const fallbackCurrency = facts.currencies.size === 1 ? [...facts.currencies][0]! : null;
    for (const m of roles.get('payments') ?? []) yield* payments(ctx, m, getClock(), index, { platform: 'uber', fallbackCurrency });
    for (const m of roles.get('segments') ?? []) yield* segments(ctx, m, getClock(), 'uber');
    await extras(ctx, roles);
    for (const m of roles.get('courierTrips') ?? []) ctx.ignore(m.name, 'Uber Eats courier file; import it with the uber-eats-courier importer');
    for (const m of other) ctx.ignore(m.name, 'not a file this importer reads');
  },
};

/** Uber Eats courier exports (`Courier Lifetime Trip Data`, payments, online/offline). */
export const uberEatsCourier: Importer = {
  name: 'uber-eats-courier',
  version: '1.0.0',
  title: 'Uber Eats courier export',
  detect(probe: Probe): Verdict | null {
    const found = probeRoles(probe);
    const trips = found.filter((f) => f.role === 'courierTrips' && f.headerAgrees);
    if (trips.length > 0) return { confidence: 0.95, reason: `Uber Eats courier deliveries: ${describe(found)}` };
    return null;
  },
  async *run(ctx: ImportContext): AsyncGenerator<RawItem> {
    const { roles, other } = await membersByRole(ctx);
    const clock = new Clock(ctx, requireZone(ctx, ctx.container.name, 'Uber Eats exports write local times'));
    const index = new TripTimeIndex((roles.get('payments') ?? []).length > 0);
    for (const m of roles.get('courierTrips') ?? []) yield* courierTrips(ctx, m, clock, index);
    for (const m of roles.get('payments') ?? []) yield* payments(ctx, m, clock, index, { platform: 'uber_eats', fallbackCurrency: null });
    for (const m of roles.get('segments') ?? []) yield* segments(ctx, m, clock, 'uber_eats');
    await extras(ctx, roles);
    for (const m of roles.get('driverTrips') ?? []) ctx.ignore(m.name, 'Uber driver trips; import it with the uber-driver importer');
    for (const m of other) ctx.ignore(m.name, 'not a file this importer reads');
  },
};
