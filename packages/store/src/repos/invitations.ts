import type { Invitation, InvitationReader, InvitationRepository, Role } from '@steward/core';
import type { Selectable } from 'kysely';
import type { InvitationsTable } from '../db/schema.ts';
import { isUuid, type Db } from './support.ts';

function toInvitation(r: Selectable<InvitationsTable>): Invitation {
  return {
    id: r.id,
    collectiveId: r.collective_id,
    role: r.role as Role,
    tokenHash: r.token_hash,
    createdBy: r.created_by,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    usedBy: r.used_by,
    revokedAt: r.revoked_at,
    note: r.note,
  };
}

export function invitationReader(db: Db): InvitationReader {
  return {
    async listForCollective(collectiveId) {
      if (!isUuid(collectiveId)) return [];
      const rows = await db
        .selectFrom('invitations')
        .selectAll()
        .where('collective_id', '=', collectiveId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toInvitation);
    },
    async byTokenHash(tokenHash) {
      const r = await db.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return r && toInvitation(r);
    },
  };
}

export function invitationRepository(db: Db): InvitationRepository {
  return {
    ...invitationReader(db),
    async create(i) {
      await db
        .insertInto('invitations')
        .values({
          id: i.id,
          collective_id: i.collectiveId,
          role: i.role,
          token_hash: i.tokenHash,
          created_by: i.createdBy,
          created_at: i.createdAt,
          expires_at: i.expiresAt,
          used_at: i.usedAt,
          used_by: i.usedBy,
          revoked_at: i.revokedAt,
          note: i.note,
        })
        .execute();
    },
    async consume(tokenHash, userId, now) {
      // One conditional UPDATE: a concurrent consume waits on the row lock, then re-checks
      // `used_at is null` against the committed row and matches nothing. Single use, no race.
      const r = await db
        .updateTable('invitations')
        .set({ used_at: now, used_by: userId })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', now)
        .returningAll()
        .executeTakeFirst();
      return r && toInvitation(r);
    },
    async revoke(id, collectiveId, now) {
      if (!isUuid(id) || !isUuid(collectiveId)) return false;
      const res = await db
        .updateTable('invitations')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('collective_id', '=', collectiveId)
        .where('used_at', 'is', null)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
  };
}
