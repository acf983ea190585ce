import { ConflictError, type User, type UserReader, type UserRepository, type UserWithSecret } from '@steward/core';
import type { Selectable } from 'kysely';
import type { UsersTable } from '../db/schema.ts';
import { isUuid, type Db } from './support.ts';

function toUser(r: Selectable<UsersTable>): User {
  return { id: r.id, email: r.email, displayName: r.display_name, createdAt: r.created_at };
}

export function userReader(db: Db): UserReader {
  return {
    async byId(id) {
      if (!isUuid(id)) return undefined;
      const r = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
      return r && toUser(r);
    },
    async byEmail(email): Promise<UserWithSecret | undefined> {
      const r = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
      return r && { ...toUser(r), passwordHash: r.password_hash };
    },
  };
}

export function userRepository(db: Db): UserRepository {
  return {
    ...userReader(db),
    async create(user) {
      // ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement
      // aborts the whole transaction, and the caller may want to carry on after a conflict.
      const r = await db
        .insertInto('users')
        .values({ id: user.id, email: user.email, display_name: user.displayName, password_hash: user.passwordHash, created_at: new Date() })
        .onConflict((oc) => oc.constraint('users_email_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (!r) throw new ConflictError('email_taken', 'An account with this e-mail address already exists.');
      return toUser(r);
    },
    async setPasswordHash(id, passwordHash) {
      await db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute();
    },
  };
}
