import { ROLES, type MembershipReader, type MembershipRepository, type Role } from '@steward/core';
import { sql } from 'kysely';
import { toRoles } from './roles.ts';
import { cursorDate, cursorId, decodeCursor, encodeCursor, isUuid, pageLimit, splitPage, toNumber, type Db } from './support.ts';

export function membershipReader(db: Db): MembershipReader {
  return {
    async rolesOf(collectiveId, userId) {
      if (!isUuid(collectiveId) || !isUuid(userId)) return [];
      const rows = await db
        .selectFrom('memberships')
        .select('role')
        .where('collective_id', '=', collectiveId)
        .where('user_id', '=', userId)
        .execute();
      return toRoles(rows.map((r) => r.role));
    },
    async countByRole(collectiveId) {
      const counts = Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>;
      if (!isUuid(collectiveId)) return counts;
      const rows = await db
        .selectFrom('memberships')
        .select(['role', (eb) => eb.fn.countAll<string | number>().as('n')])
        .where('collective_id', '=', collectiveId)
        .groupBy('role')
        .execute();
      for (const r of rows) if (r.role in counts) counts[r.role as Role] = toNumber(r.n);
      return counts;
    },
    async list(collectiveId, page) {
      const limit = pageLimit(page);
      const after = page.cursor ? decodeCursor(page.cursor, 2) : null;
      if (!isUuid(collectiveId)) return { items: [], next: null };
      // One row per user: the roles they hold and when they first joined; keyset on that
      // (joined_at, user_id) so pages stay stable while members join.
      const perUser = db
        .selectFrom('memberships')
        .select(['user_id', (eb) => eb.fn.min('joined_at').as('joined_at'), sql<string[]>`array_agg(role)`.as('roles')])
        .where('collective_id', '=', collectiveId)
        .groupBy('user_id')
        .as('m');
      let q = db
        .selectFrom(perUser)
        .innerJoin('users as u', 'u.id', 'm.user_id')
        .select(['u.id', 'u.email', 'u.display_name', 'u.created_at', 'm.joined_at', 'm.roles'])
        .orderBy('m.joined_at')
        .orderBy('m.user_id')
        .limit(limit + 1);
      if (after) {
        const at = cursorDate(after[0] ?? null);
        const id = cursorId(after[1] ?? null);
        q = q.where((eb) => eb(eb.refTuple('m.joined_at', 'm.user_id'), '>', eb.tuple(at, id)));
      }
      const { items, more } = splitPage(await q.execute(), limit);
      const last = items.at(-1);
      return {
        items: items.map((r) => ({
          user: { id: r.id, email: r.email, displayName: r.display_name, createdAt: r.created_at },
          roles: toRoles(r.roles),
          joinedAt: r.joined_at,
        })),
        next: more && last ? encodeCursor([last.joined_at.toISOString(), last.id]) : null,
      };
    },
  };
}


export function membershipRepository(db: Db): MembershipRepository {
  return {
    ...membershipReader(db),
    async add(m) {
      const r = await db
        .insertInto('memberships')
        .values({ collective_id: m.collectiveId, user_id: m.userId, role: m.role, joined_at: m.joinedAt })
        .onConflict((oc) => oc.columns(['collective_id', 'user_id', 'role']).doNothing())
        .returning('role')
        .executeTakeFirst();
      return r !== undefined;
    },
    async removeAll(collectiveId, userId) {
      if (!isUuid(collectiveId) || !isUuid(userId)) return 0;
      const res = await db
        .deleteFrom('memberships')
        .where('collective_id', '=', collectiveId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
