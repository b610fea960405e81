/**
 * Invite queries. First argument is the tenant scope (a company's invites), or the database for the
 * respondent's lookup by token (a link names no company; tokens are unguessable and indexed).
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, InviteTable } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import type { InviteFields } from './fields.js';

type Db = Kysely<Database> | Transaction<Database>;
export type InviteRow = Selectable<InviteTable>;

/** Rows per insert statement: each column goes as one array parameter, so a batch is one round trip. */
const INSERT_BATCH = 5000;

function inviteValues(companyId: string, surveyId: string, invite: InviteFields & { token: string }) {
  return {
    company_id: companyId,
    survey_id: surveyId,
    token: invite.token,
    customer_ref: invite.customerRef,
    order_ref: invite.orderRef,
    purchased_at: invite.purchasedAt,
    email: invite.email,
    language: invite.language,
    expires_at: invite.expiresAt,
    channel: invite.channel,
  };
}

/**
 * Inserts the invites whose order_ref the survey has no invite for yet, in the caller's transaction.
 * Multi-row inserts with one array parameter per column (`select … from unnest(…)`): PostgreSQL
 * parses and plans one short statement per batch instead of one with tens of thousands of parameters.
 * @returns how many were new
 * @example const created = await insertInvitesOnce(trx, tenant.companyId, surveyId, rows);
 */
export async function insertInvitesOnce(db: Db, companyId: string, surveyId: string, invites: (InviteFields & { token: string })[]): Promise<number> {
  let created = 0;
  for (let start = 0; start < invites.length; start += INSERT_BATCH) {
    const batch = invites.slice(start, start + INSERT_BATCH);
    const column = <T>(pick: (invite: InviteFields & { token: string }) => T) => batch.map(pick);
    const result = await sql<{ id: string }>`
      insert into invite (company_id, survey_id, token, customer_ref, order_ref, purchased_at, email, language, expires_at, channel)
      select ${companyId}::uuid, ${surveyId}::uuid, row.*
      from unnest(
        ${column((invite) => invite.token)}::text[], ${column((invite) => invite.customerRef)}::text[], ${column((invite) => invite.orderRef)}::text[],
        ${column((invite) => invite.purchasedAt.toISOString())}::timestamptz[], ${column((invite) => invite.email)}::text[],
        ${column((invite) => invite.language)}::text[], ${column((invite) => invite.expiresAt?.toISOString() ?? null)}::timestamptz[],
        ${column((invite) => invite.channel)}::text[]
      ) as row
      on conflict (company_id, survey_id, order_ref) do nothing
      returning id`.execute(db);
    created += result.rows.length;
  }
  return created;
}

/**
 * Inserts one invite unless the survey has one for its order_ref.
 * @returns the new row, or undefined when the order already had an invite
 */
export async function insertInviteOnce(db: Db, companyId: string, surveyId: string, invite: InviteFields & { token: string }): Promise<InviteRow | undefined> {
  return db
    .insertInto('invite')
    .values(inviteValues(companyId, surveyId, invite))
    .onConflict((conflict) => conflict.columns(['company_id', 'survey_id', 'order_ref']).doNothing())
    .returningAll()
    .executeTakeFirst();
}

/** The invite the survey has for an order, if any. */
export async function findInviteByOrderRef(scope: TenantScope, surveyId: string, orderRef: string): Promise<InviteRow | undefined> {
  return scope.db
    .selectFrom('invite')
    .selectAll()
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId)
    .where('order_ref', '=', orderRef)
    .executeTakeFirst();
}

/** One invite of the company's survey. */
export async function findInvite(scope: TenantScope, surveyId: string, inviteId: string): Promise<InviteRow | undefined> {
  return scope.db
    .selectFrom('invite')
    .selectAll()
    .where('company_id', '=', scope.companyId)
    .where('survey_id', '=', surveyId)
    .where('id', '=', inviteId)
    .executeTakeFirst();
}

/** A page of the survey's invites, newest first, and how many it has in all. */
export async function findInvitePage(scope: TenantScope, surveyId: string, page: { offset: number; limit: number }) {
  const ofSurvey = scope.db.selectFrom('invite').where('company_id', '=', scope.companyId).where('survey_id', '=', surveyId);
  const [rows, count] = await Promise.all([
    ofSurvey.selectAll().orderBy('created_at', 'desc').orderBy('order_ref').orderBy('id').offset(page.offset).limit(page.limit).execute(),
    ofSurvey.select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/**
 * The survey's invites `size` at a time, in id order (keyset paging: a page never repeats or skips a
 * row however long the export takes).
 */
export async function* inviteBatches(scope: TenantScope, surveyId: string, size = 5000): AsyncGenerator<InviteRow[]> {
  let after: string | undefined;
  for (;;) {
    let query = scope.db.selectFrom('invite').selectAll().where('company_id', '=', scope.companyId).where('survey_id', '=', surveyId);
    if (after !== undefined) query = query.where('id', '>', after);
    const rows = await query.orderBy('id').limit(size).execute();
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** The invite a respondent's link names, with its survey's company, in any company. */
export async function findInviteByToken(db: Db, token: string): Promise<InviteRow | undefined> {
  return db.selectFrom('invite').selectAll().where('token', '=', token).executeTakeFirst();
}

/** Marks the invite answered, in the transaction that stored its response. */
export async function markInviteUsed(db: Db, companyId: string, inviteId: string): Promise<void> {
  await db.updateTable('invite').set({ used_at: sql<Date>`now()` }).where('company_id', '=', companyId).where('id', '=', inviteId).execute();
}
