import type { Session, SessionReader, SessionRepository } from '@steward/core';
import type { Selectable } from 'kysely';
import type { SessionsTable } from '../db/schema.ts';
import type { Db } from './support.ts';

function toSession(r: Selectable<SessionsTable>): Session {
  return { id: r.id, userId: r.user_id, tokenHash: r.token_hash, createdAt: r.created_at, expiresAt: r.expires_at };
}

export function sessionReader(db: Db): SessionReader {
  return {
    async byTokenHash(tokenHash, now) {
      const r = await db
        .selectFrom('sessions')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return r && toSession(r);
    },
  };
}

export function sessionRepository(db: Db): SessionRepository {
  return {
    ...sessionReader(db),
    async create(s) {
      await db
        .insertInto('sessions')
        .values({ id: s.id, user_id: s.userId, token_hash: s.tokenHash, created_at: s.createdAt, expires_at: s.expiresAt })
        .execute();
    },
    async deleteByTokenHash(tokenHash) {
      await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
    },
    async deleteExpired(now) {
      const res = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(res.numDeletedRows);
    },
  };
}
