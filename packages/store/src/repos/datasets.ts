import { ConflictError, type Dataset, type DatasetReader, type DatasetRepository, type DatasetSchema } from '@steward/core';
import type { Selectable } from 'kysely';
import type { DatasetsTable } from '../db/schema.ts';
import { isUuid, type Db } from './support.ts';

function toDataset(r: Selectable<DatasetsTable>): Dataset {
  return {
    id: r.id,
    collectiveId: r.collective_id,
    slug: r.slug,
    name: r.name,
    description: r.description,
    schema: r.schema as DatasetSchema,
    canonical: r.canonical,
    createdAt: r.created_at,
  };
}

export function datasetReader(db: Db): DatasetReader {
  return {
    async byId(id) {
      if (!isUuid(id)) return undefined;
      const r = await db.selectFrom('datasets').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toDataset(r);
    },
    async bySlug(collectiveId, slug) {
      if (!isUuid(collectiveId)) return undefined;
      const r = await db
        .selectFrom('datasets')
        .selectAll()
        .where('collective_id', '=', collectiveId)
        .where('slug', '=', slug)
        .executeTakeFirst();
      return r && toDataset(r);
    },
    async list(collectiveId) {
      if (!isUuid(collectiveId)) return [];
      const rows = await db
        .selectFrom('datasets')
        .selectAll()
        .where('collective_id', '=', collectiveId)
        .orderBy('created_at')
        .orderBy('slug')
        .execute();
      return rows.map(toDataset);
    },
  };
}

export function datasetRepository(db: Db): DatasetRepository {
  return {
    ...datasetReader(db),
    async create(d) {
      const r = await db
        .insertInto('datasets')
        .values({
          id: d.id,
          collective_id: d.collectiveId,
          slug: d.slug,
          name: d.name,
          description: d.description,
          schema: JSON.stringify(d.schema),
          canonical: d.canonical,
          created_at: d.createdAt,
        })
        .onConflict((oc) => oc.constraint('datasets_collective_slug_key').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!r) throw new ConflictError('dataset_slug_taken', `This collective already has a dataset called "${d.slug}".`);
    },
  };
}
