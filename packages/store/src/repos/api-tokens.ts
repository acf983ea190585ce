import type { ApiToken, ApiTokenReader, ApiTokenRepository } from '@steward/core';
import type { Selectable } from 'kysely';
import type { ApiTokensTable } from '../db/schema.ts';
import { isUuid, type Db } from './support.ts';

function toToken(r: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    tokenHash: r.token_hash,
    prefix: r.prefix,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

export function apiTokenReader(db: Db): ApiTokenReader {
  return {
    async byTokenHash(tokenHash, now) {
      const r = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return r && toToken(r);
    },
    async listForUser(userId) {
      if (!isUuid(userId)) return [];
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },
  };
}

export function apiTokenRepository(db: Db): ApiTokenRepository {
  return {
    ...apiTokenReader(db),
    async create(t) {
      await db
        .insertInto('api_tokens')
        .values({
          id: t.id,
          user_id: t.userId,
          name: t.name,
          token_hash: t.tokenHash,
          prefix: t.prefix,
          created_at: t.createdAt,
          expires_at: t.expiresAt,
          last_used_at: null,
          revoked_at: null,
        })
        .execute();
    },
    async revoke(id, userId, now) {
      if (!isUuid(id) || !isUuid(userId)) return false;
      const res = await db
        .updateTable('api_tokens')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('user_id', '=', userId)
        .where('revoked_at', 'is', null)
        .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]))
        .executeTakeFirst();
      return res.numUpdatedRows > 0n;
    },
    async touch(id, now) {
      if (!isUuid(id)) return;
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },
  };
}
