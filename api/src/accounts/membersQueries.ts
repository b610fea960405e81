/**
 * Members of a company (membership joined with app_user) and one-time links. Company queries take
 * the tenant scope's database (or a transaction) and the company id first.
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database, OneTimeLinkKind } from '../db/schema.js';
import type { Role } from './permissions.js';

type Db = Kysely<Database> | Transaction<Database>;

/** @example const members = await listMembers(db, companyId); */
export async function listMembers(db: Db, companyId: string) {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select(['app_user.id as userId', 'app_user.email', 'app_user.name', 'membership.role', 'membership.created_at as joinedAt'])
    .where('membership.company_id', '=', companyId)
    .orderBy('app_user.email')
    .execute();
}

/** The member with this user id in the company; undefined for anyone else (another company's user too). */
export async function findMember(db: Db, companyId: string, userId: string, options: { forUpdate?: boolean } = {}) {
  let query = db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select(['app_user.id as userId', 'app_user.email', 'app_user.name', 'membership.role', 'membership.created_at as joinedAt'])
    .where('membership.company_id', '=', companyId)
    .where('membership.user_id', '=', userId);
  if (options.forUpdate) query = query.forUpdate('membership');
  return query.executeTakeFirst();
}

/**
 * Locks the company's admin memberships until the transaction ends and returns their user ids. Two
 * demotions of two admins at once queue here; the second re-reads the rows after the first commits
 * (READ COMMITTED re-checks `role = 'admin'` on a row it waited for), so it sees one admin left.
 * @example const admins = await lockAdmins(trx, companyId); if (admins.length === 1) …
 */
export async function lockAdmins(trx: Transaction<Database>, companyId: string): Promise<string[]> {
  const rows = await trx
    .selectFrom('membership')
    .select('user_id')
    .where('company_id', '=', companyId)
    .where('role', '=', 'admin')
    .orderBy('user_id')
    .forUpdate()
    .execute();
  return rows.map((row) => row.user_id);
}

export async function setMemberRole(db: Db, companyId: string, userId: string, role: Role): Promise<void> {
  await db.updateTable('membership').set({ role }).where('company_id', '=', companyId).where('user_id', '=', userId).execute();
}

/** Removes the membership; the user's sessions working in this company are left with no company. */
export async function deleteMembership(db: Db, companyId: string, userId: string): Promise<void> {
  await db.deleteFrom('membership').where('company_id', '=', companyId).where('user_id', '=', userId).execute();
  await db.updateTable('session').set({ company_id: null }).where('user_id', '=', userId).where('company_id', '=', companyId).execute();
  await db
    .deleteFrom('one_time_link')
    .where('company_id', '=', companyId)
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/** Adds the membership unless the user is a member already (then their role stays). */
export async function addMembershipIfMissing(db: Db, membership: { companyId: string; userId: string; role: Role }): Promise<void> {
  await db
    .insertInto('membership')
    .values({ company_id: membership.companyId, user_id: membership.userId, role: membership.role })
    .onConflict((conflict) => conflict.columns(['company_id', 'user_id']).doNothing())
    .execute();
}

/** Invitations of the company not used yet and not expired, newest first. */
export async function listPendingInvitations(db: Db, companyId: string) {
  return db
    .selectFrom('one_time_link')
    .select(['email', 'role', 'expires_at as expiresAt'])
    .where('company_id', '=', companyId)
    .where('kind', '=', 'invitation')
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .orderBy('created_at', 'desc')
    .execute();
}

export interface NewLink {
  tokenHash: string;
  kind: OneTimeLinkKind;
  email: string | null;
  companyId: string | null;
  role: Role | null;
  userId: string | null;
  createdBy: string | null;
  expiresAt: Date;
}

export async function insertLink(db: Db, link: NewLink): Promise<void> {
  await db
    .insertInto('one_time_link')
    .values({
      token_hash: link.tokenHash,
      kind: link.kind,
      email: link.email?.toLowerCase() ?? null,
      company_id: link.companyId,
      role: link.role,
      user_id: link.userId,
      created_by: link.createdBy,
      expires_at: link.expiresAt,
    })
    .execute();
}

/** Drops the unused invitations of an email to the company, so a new invitation replaces them. */
export async function deletePendingInvitations(db: Db, companyId: string, email: string): Promise<void> {
  await db
    .deleteFrom('one_time_link')
    .where('company_id', '=', companyId)
    .where('kind', '=', 'invitation')
    .where('email', '=', email.toLowerCase())
    .where('used_at', 'is', null)
    .execute();
}

/** Ends every unused link of a kind (for a user when `userId` is given): setup links at each start, a user's other reset links. */
export async function expireUnusedLinks(db: Db, kind: OneTimeLinkKind, userId?: string): Promise<void> {
  let query = db.updateTable('one_time_link').set({ used_at: sql<Date>`now()` }).where('kind', '=', kind).where('used_at', 'is', null);
  if (userId) query = query.where('user_id', '=', userId);
  await query.execute();
}

const LINK_COLUMNS = [
  'one_time_link.kind',
  'one_time_link.email',
  'one_time_link.company_id as companyId',
  'one_time_link.role',
  'one_time_link.user_id as userId',
  'one_time_link.expires_at as expiresAt',
] as const;

/** The link if it is unused and not expired, with its company's name. */
export async function findUsableLink(db: Db, tokenHash: string) {
  return db
    .selectFrom('one_time_link')
    .leftJoin('company', 'company.id', 'one_time_link.company_id')
    .select([...LINK_COLUMNS, 'company.name as companyName'])
    .where('one_time_link.token_hash', '=', tokenHash)
    .where('one_time_link.used_at', 'is', null)
    .where('one_time_link.expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/**
 * Marks the link used if it still is usable, in one statement: of two requests using it at once,
 * one gets the row and the other nothing.
 * @returns the link, or undefined when unknown, used or expired
 */
export async function claimLink(trx: Transaction<Database>, tokenHash: string) {
  return trx
    .updateTable('one_time_link')
    .set({ used_at: sql<Date>`now()` })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', sql<Date>`now()`)
    .returning(['kind', 'email', 'company_id as companyId', 'role', 'user_id as userId', 'expires_at as expiresAt'])
    .executeTakeFirst();
}

/** Whether any company has an admin (first run: none yet). */
export async function anyAdminExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('membership').select('user_id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  return row !== undefined;
}

/** Whether any user exists (first run: none yet). */
export async function anyUserExists(db: Db): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst();
  return row !== undefined;
}
