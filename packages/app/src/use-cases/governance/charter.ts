import { applicableVetoRights, charterDiff, describeCharter, evaluateRequest, validateRequestTerms, type StoredCharter } from '@steward/core';
import { collectiveFor } from '../../access.ts';
import type { Actor, Deps } from '../../context.ts';
import { allCharterVersions, charterInForce } from './support.ts';

const versionView = (c: StoredCharter) => ({
  version: c.version,
  digest: c.digest,
  adoptedAt: c.adoptedAt.toISOString(),
  proposalId: c.proposalId,
});

/** The charter in force: its JSON, and the same in plain language, one line per rule or setting. */
export async function getCharter(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'charter.view');
  const c = await charterInForce(deps.store.read, collective);
  return { ...versionView(c), charter: c.charter, description: describeCharter(c.charter) };
}

/** Every version, oldest first, each with what changed from the one before (JSON Pointer paths). */
export async function charterVersions(deps: Deps, input: { actor: Actor | null; slug: string }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'charter.view');
  const versions = await allCharterVersions(deps.store.read, collective.id);
  return {
    items: versions.map((c, i) => ({ ...versionView(c), charter: c.charter, changes: i === 0 ? [] : charterDiff(versions[i - 1]!.charter, c.charter) })),
  };
}

/**
 * A dry run for stewards and requesters: what the charter in force says of a request's terms —
 * allowed, a vote of some kind, or forbidden — with the deciding rule, its reason, and the bodies
 * that could veto it. Nothing is stored.
 */
export async function evaluateAccessRequest(deps: Deps, input: { actor: Actor | null; slug: string; terms: unknown }) {
  const { collective } = await collectiveFor(deps.store.read, input.actor, input.slug, 'charter.evaluate');
  const c = await charterInForce(deps.store.read, collective);
  const terms = validateRequestTerms(input.terms);
  const decision = evaluateRequest(c.charter, terms);
  const vetoes = decision.outcome === 'vote' ? [...new Set(applicableVetoRights(c.charter, 'access_request', terms).map((v) => v.holder))] : [];
  return { charterVersion: c.version, decision, vetoHolders: vetoes };
}
