import {
  ConflictError,
  NotFoundError,
  type Collective,
  type CollectiveKind,
  type CollectiveReader,
  type CollectiveRepository,
} from '@steward/core';
import type { Selectable } from 'kysely';
import type { CollectivesTable } from '../db/schema.ts';
import { toRoles } from './roles.ts';
import { isUuid, type Db } from './support.ts';

const COLUMNS = ['id', 'slug', 'name', 'kind', 'description', 'created_at'] as const;

function toCollective(r: Omit<Selectable<CollectivesTable>, 'log_salt'>): Collective {
  return { id: r.id, slug: r.slug, name: r.name, kind: r.kind as CollectiveKind, description: r.description, createdAt: r.created_at };
}

export function collectiveReader(db: Db): CollectiveReader {
  return {
    async logSalt(id) {
      const r = isUuid(id) ? await db.selectFrom('collectives').select('log_salt').where('id', '=', id).executeTakeFirst() : undefined;
      if (!r) throw new NotFoundError('collective');
      return r.log_salt;
    },
    async byId(id) {
      if (!isUuid(id)) return undefined;
      const r = await db.selectFrom('collectives').select(COLUMNS).where('id', '=', id).executeTakeFirst();
      return r && toCollective(r);
    },
    async bySlug(slug) {
      const r = await db.selectFrom('collectives').select(COLUMNS).where('slug', '=', slug).executeTakeFirst();
      return r && toCollective(r);
    },
    async listForUser(userId) {
      if (!isUuid(userId)) return [];
      const rows = await db
        .selectFrom('collectives as c')
        .innerJoin('memberships as m', 'm.collective_id', 'c.id')
        .select(['c.id', 'c.slug', 'c.name', 'c.kind', 'c.description', 'c.created_at', 'm.role'])
        .where('m.user_id', '=', userId)
        .orderBy('c.name')
        .orderBy('c.id')
        .execute();
      const byId = new Map<string, { collective: Collective; roles: string[] }>();
      for (const r of rows) {
        const entry = byId.get(r.id) ?? { collective: toCollective(r), roles: [] };
        entry.roles.push(r.role);
        byId.set(r.id, entry);
      }
      return [...byId.values()].map((e) => ({ collective: e.collective, roles: toRoles(e.roles) }));
    },
  };
}

export function collectiveRepository(db: Db): CollectiveRepository {
  return {
    ...collectiveReader(db),
    async create(c) {
      const r = await db
        .insertInto('collectives')
        .values({
          id: c.id,
          slug: c.slug,
          name: c.name,
          kind: c.kind,
          description: c.description,
          log_salt: c.logSalt,
          created_at: c.createdAt,
        })
        .onConflict((oc) => oc.constraint('collectives_slug_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!r) throw new ConflictError('slug_taken', `The address "${c.slug}" is already taken by another collective.`);
    },
  };
}
