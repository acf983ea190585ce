import {
  invitationStatus,
  type ApiToken,
  type Collective,
  type Dataset,
  type DataRecord,
  type Invitation,
  type Role,
  type User,
} from '@steward/core';

/**
 * The public shapes the app hands to its edges (the API contract's schemas). Secrets such as
 * password and token digests never appear in a view.
 */
export const userView = (u: User) => ({ id: u.id, email: u.email, displayName: u.displayName, createdAt: u.createdAt.toISOString() });

export const collectiveView = (c: Collective) => ({
  id: c.id,
  slug: c.slug,
  name: c.name,
  kind: c.kind,
  description: c.description,
  createdAt: c.createdAt.toISOString(),
});

export const myCollectiveView = (c: Collective, roles: Role[]) => ({ ...collectiveView(c), roles });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const tokenView = (t: ApiToken) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: iso(t.lastUsedAt),
  expiresAt: iso(t.expiresAt),
  revokedAt: iso(t.revokedAt),
});

export const invitationView = (i: Invitation, now: Date) => ({
  id: i.id,
  role: i.role,
  note: i.note,
  status: invitationStatus(i, now),
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
  usedAt: iso(i.usedAt),
});

export const datasetView = (d: Dataset) => ({
  id: d.id,
  slug: d.slug,
  name: d.name,
  description: d.description,
  canonical: d.canonical,
  schema: d.schema,
  createdAt: d.createdAt.toISOString(),
});

export const recordView = (r: DataRecord) => ({
  id: r.id,
  data: r.data,
  occurredAt: iso(r.occurredAt),
  source: r.source,
  importId: r.importId,
  createdAt: r.createdAt.toISOString(),
});
