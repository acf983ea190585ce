import { CANONICAL_DATASETS, normaliseEmail, type NewCollectiveInput } from '@steward/core';
import type { Deps } from '../../context.ts';
import { createUserAccount } from '../accounts/create-user.ts';
import { createDataset } from '../datasets/create.ts';
import { createCollective } from './create.ts';

/**
 * `steward init`: creates a collective and its first steward (a new account, or an existing one
 * by e-mail, whose password is then left unchanged), with the canonical datasets declared.
 */
export async function initCollective(
  deps: Deps,
  input: NewCollectiveInput & { steward: { email: string; displayName?: string; password?: string }; canonicalDatasets?: boolean },
) {
  const email = normaliseEmail(input.steward.email, 'steward.email');
  const existing = await deps.store.read.users.byEmail(email);
  let userId: string;
  let createdAccount = false;
  if (existing) userId = existing.id;
  else {
    if (!input.steward.password) throw new Error('A password is needed to create the steward account.');
    userId = (await createUserAccount(deps, { email, displayName: input.steward.displayName, password: input.steward.password })).id;
    createdAccount = true;
  }
  const actor = { userId, via: 'session' as const };
  const collective = await createCollective(deps, { ...input, actor });
  // Most collectives pool platform exports: declare the datasets the importers fill, unless told not to.
  const datasets: string[] = [];
  if (input.canonicalDatasets !== false) {
    for (const d of CANONICAL_DATASETS) datasets.push((await createDataset(deps, { actor, slug: collective.slug, dataset: { canonical: d.canonical } })).slug);
  }
  return { collective, stewardEmail: email, createdAccount, datasets };
}
