import { ImportError } from '../../errors.ts';
import { headerOf, sniffDelimiter } from '../../io/csv.ts';
import type { Member } from '../../io/container.ts';
import { headerScore } from '../columns.ts';
import type { ImportContext, Probe, ProbeFile } from '../importer.ts';
import { headText } from '../common.ts';
import { COURIER_TRIP_SIGNATURE, DRIVER_TRIP_SIGNATURE, PAYMENT_SIGNATURE, SEGMENT_SIGNATURE, roleOf, type Role } from './columns.ts';

export function probeHeader(head: string | null): string[] | null {
  if (!head) return null;
  return headerOf(head, sniffDelimiter(head));
}

/** What a CSV's header says it is, whatever the file is called. */
export function roleByHeader(header: readonly string[] | null): Role | null {
  if (!header || header.length === 0) return null;
  if (headerScore(header, COURIER_TRIP_SIGNATURE) === 1) return 'courierTrips';
  if (headerScore(header, DRIVER_TRIP_SIGNATURE) === 1) return 'driverTrips';
  if (headerScore(header, PAYMENT_SIGNATURE) === 1) return 'payments';
  if (headerScore(header, SEGMENT_SIGNATURE) === 1) return 'segments';
  return null;
}

/** Roles of the probed files: by name inside a zip (numbers ignored), by header for a single file. */
export function probeRoles(probe: Probe): Array<{ file: ProbeFile; role: Role; headerAgrees: boolean }> {
  const out: Array<{ file: ProbeFile; role: Role; headerAgrees: boolean }> = [];
  for (const f of probe.files) {
    const byHeader = roleByHeader(probeHeader(f.head));
    const byName = probe.container === 'zip' ? roleOf(f.member.path) : null;
    const role = byName ?? byHeader;
    if (role) out.push({ file: f, role, headerAgrees: byHeader === role });
  }
  return out;
}

/** Members of the upload grouped by role; a single file gets its role from its header. */
export async function membersByRole(ctx: ImportContext): Promise<{ roles: Map<Role, Member[]>; other: Member[] }> {
  const roles = new Map<Role, Member[]>();
  const other: Member[] = [];
  for (const m of ctx.container.members) {
    let role = ctx.container.kind === 'zip' ? roleOf(m.path) : null;
    if (!role) role = roleByHeader(probeHeader(headText(await ctx.container.peek(m, 16 * 1024))));
    if (role) roles.set(role, [...(roles.get(role) ?? []), m]);
    else if (ctx.container.kind === 'file') {
      throw new ImportError('unsupported_format', { file: m.name, row: 1 }, 'is not an Uber trips, payments or online/offline file: its header lacks the columns that identify them (e.g. status and request_timestamp_local, or amount_local and classification)');
    } else other.push(m);
  }
  for (const list of roles.values()) list.sort((a, b) => a.path.localeCompare(b.path, 'en', { numeric: true }));
  return { roles, other };
}

export { DRIVER_TRIP_SIGNATURE, PAYMENT_SIGNATURE, SEGMENT_SIGNATURE };
