import { ValidationError, type FieldIssue } from '../errors.ts';

export const COLLECTIVE_KINDS = ['cooperative', 'union', 'trust', 'community'] as const;
export type CollectiveKind = (typeof COLLECTIVE_KINDS)[number];

export interface Collective {
  id: string;
  slug: string;
  name: string;
  kind: CollectiveKind;
  description: string;
  createdAt: Date;
}

export interface NewCollectiveInput {
  slug: string;
  name: string;
  kind: string;
  description?: string;
}

// Slugs appear in URLs and in log origins (`steward.example/collectives/SLUG`), so keep them
// to lower-case ASCII that needs no escaping anywhere.
const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
const RESERVED_SLUGS = new Set(['new', 'api', 'admin', 'log', 'static', 'assets']);

/** Validates a new collective's fields and returns them cleaned, naming every bad field. */
export function validateNewCollective(input: NewCollectiveInput): Omit<Collective, 'id' | 'createdAt'> {
  const issues: FieldIssue[] = [];
  const slug = input.slug.trim().toLowerCase();
  if (!SLUG.test(slug)) {
    issues.push({ field: 'slug', message: 'use 1–48 lower-case letters, digits and inner hyphens' });
  } else if (RESERVED_SLUGS.has(slug)) {
    issues.push({ field: 'slug', message: `"${slug}" is reserved` });
  }
  const name = input.name.trim();
  if (name.length < 2 || name.length > 120) issues.push({ field: 'name', message: 'must be 2–120 characters' });
  if (!(COLLECTIVE_KINDS as readonly string[]).includes(input.kind)) {
    issues.push({ field: 'kind', message: `must be one of ${COLLECTIVE_KINDS.join(', ')}` });
  }
  const description = (input.description ?? '').trim();
  if (description.length > 4000) issues.push({ field: 'description', message: 'must be at most 4000 characters' });
  if (issues.length > 0) throw new ValidationError(issues);
  return { slug, name, kind: input.kind as CollectiveKind, description };
}
