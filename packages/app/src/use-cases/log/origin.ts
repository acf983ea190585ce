import type { Collective } from '@steward/core';
import type { Deps } from '../../context.ts';

/**
 * A collective's log origin and key name: `HOST/collectives/SLUG`, per C2SP tlog-checkpoint's
 * advice to use a schema-less URL. Fixed when the key is made; slugs never change.
 */
export function logOrigin(deps: Deps, collective: Pick<Collective, 'slug'>): string {
  return `${deps.config.logOriginHost}/collectives/${collective.slug}`;
}

/** Makes the collective's signing key; returns the log event that records its verifier key. */
export async function createLogKey(deps: Deps, collective: Pick<Collective, 'id' | 'slug'>) {
  const key = await deps.keys.create(collective.id, logOrigin(deps, collective));
  return { type: 'log.key_created', refs: { vkey: key.vkey } };
}
