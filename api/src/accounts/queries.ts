/**
 * Account queries: users, memberships and sessions. Users and sessions are global (one person may
 * work for several companies); memberships are per company. First argument is the database or a
 * transaction.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Role } from './permissions.js';

type Db = Kysely<Database> | Transaction<Database>;

/** @example const user = await findUserByEmail(db, 'ana@example.com'); */
export async function findUserByEmail(db: Db, email: string) {
  return db.selectFrom('app_user').select(['id', 'email', 'name', 'password_hash']).where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function findUser(db: Db, userId: string) {
  return db.selectFrom('app_user').select(['id', 'email', 'name', 'password_hash']).where('id', '=', userId).executeTakeFirst();
}

/** @example const userId = await insertUser(trx, { email, name: null, passwordHash }); */
export async function insertUser(db: Db, user: { email: string; name: string | null; passwordHash: string | null }): Promise<string> {
  const row = await db
    .insertInto('app_user')
    .values({ email: user.email.toLowerCase(), name: user.name, password_hash: user.passwordHash })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function setPasswordHash(db: Db, userId: string, passwordHash: string): Promise<void> {
  await db.updateTable('app_user').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
}

/** The companies a user belongs to, by name. */
export async function membershipsOf(db: Db, userId: string): Promise<{ id: string; name: string; role: Role }[]> {
  return db
    .selectFrom('membership')
    .innerJoin('company', 'company.id', 'membership.company_id')
    .select(['company.id', 'company.name', 'membership.role'])
    .where('membership.user_id', '=', userId)
    .orderBy('company.name')
    .orderBy('company.id')
    .execute();
}

/** @example await insertMembership(trx, { companyId, userId, role: 'analyst' }); */
export async function insertMembership(db: Db, membership: { companyId: string; userId: string; role: Role }): Promise<void> {
  await db
    .insertInto('membership')
    .values({ company_id: membership.companyId, user_id: membership.userId, role: membership.role })
    .execute();
}

export async function insertSession(
  db: Db,
  session: { idHash: string; userId: string; companyId: string | null; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db
    .insertInto('session')
    .values({
      id_hash: session.idHash,
      user_id: session.userId,
      company_id: session.companyId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
}

/**
 * The session with its user and the user's role in `companyId` (the X-Company-Id asked for) or, when
 * none is asked for, in the session's own company. One statement per authenticated request.
 */
export async function findSession(db: Db, idHash: string, companyId: string | null) {
  return db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .leftJoin('membership', (join) =>
      join
        .onRef('membership.user_id', '=', 'session.user_id')
        .on((eb) => eb('membership.company_id', '=', companyId === null ? eb.ref('session.company_id') : eb.val(companyId))),
    )
    .select([
      'session.id_hash as idHash',
      'session.user_id as userId',
      'session.company_id as sessionCompanyId',
      'session.csrf_token as csrfToken',
      'session.last_seen_at as lastSeenAt',
      'session.expires_at as expiresAt',
      'app_user.email',
      'app_user.name',
      'membership.company_id as companyId',
      'membership.role',
    ])
    .where('session.id_hash', '=', idHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, idHash: string, at: Date): Promise<void> {
  await db.updateTable('session').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function setSessionCompany(db: Db, idHash: string, companyId: string): Promise<void> {
  await db.updateTable('session').set({ company_id: companyId }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('session').where('id_hash', '=', idHash).execute();
}

/** Signs a user out everywhere (also after a password reset). @returns how many sessions ended */
export async function deleteUserSessions(db: Db, userId: string): Promise<number> {
  const result = await db.deleteFrom('session').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends every session of the user but one (after a password change). @returns how many ended */
export async function deleteOtherSessions(db: Db, userId: string, keptIdHash: string): Promise<number> {
  const result = await db.deleteFrom('session').where('user_id', '=', userId).where('id_hash', '<>', keptIdHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}
