import { createHash, randomUUID } from 'node:crypto';
import { canonicalDataset, canonicalJson, ValidationError, validateSchema, type Dataset } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { appendLog } from '../../log/append.ts';
import { datasetView } from '../../views.ts';

export type NewDatasetInput =
  | { canonical: string }
  | { slug: string; name: string; description?: string; schema: { version?: unknown; fields?: unknown } };

const DATASET_SLUG = /^[a-z][a-z0-9_-]{0,62}$/;

/** Resolves the input to a dataset definition: a canonical one by name, or a validated custom schema. */
function definition(input: NewDatasetInput): Pick<Dataset, 'slug' | 'name' | 'description' | 'schema' | 'canonical'> {
  if ('canonical' in input) {
    const c = canonicalDataset(input.canonical);
    if (!c) throw ValidationError.field('canonical', `no canonical dataset "${input.canonical}"`);
    return { slug: c.canonical, name: c.name, description: c.description, schema: c.schema, canonical: c.canonical };
  }
  const issues = [];
  const slug = input.slug.trim();
  if (!DATASET_SLUG.test(slug)) issues.push({ field: 'slug', message: 'use lower-case letters, digits, - and _ (start with a letter)' });
  const name = input.name.trim();
  if (name.length < 1 || name.length > 120) issues.push({ field: 'name', message: 'must be 1–120 characters' });
  if (issues.length) throw new ValidationError(issues);
  return { slug, name, description: (input.description ?? '').trim(), schema: validateSchema(input.schema), canonical: null };
}

/** Declares a dataset in a collective (stewards). The schema's digest goes to the log. */
export async function createDataset(deps: Deps, input: { actor: Actor | null; slug: string; dataset: NewDatasetInput }) {
  const { collective, actor } = await collectiveFor(deps.store.read, input.actor, input.slug, 'datasets.create');
  const now = deps.clock.now();
  const dataset: Dataset = { id: randomUUID(), collectiveId: collective.id, createdAt: now, ...definition(input.dataset) };
  await deps.store.transact(async (tx) => {
    await tx.datasets.create(dataset);
    await appendLog(tx, collective.id, now, [
      {
        type: 'dataset.declared',
        actorUserId: actor.userId,
        refs: { dataset: dataset.id, slug: dataset.slug },
        digests: { schema: createHash('sha256').update(canonicalJson(dataset.schema)).digest('hex') },
      },
    ]);
  });
  return datasetView(dataset);
}
