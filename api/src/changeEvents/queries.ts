/** Change event queries; the first argument is the tenant scope or the caller's transaction with the company. */
import { sql, type Insertable, type Kysely, type Selectable, type Transaction, type Updateable } from 'kysely';
import type { ChangeEventTable, Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';

type Db = Kysely<Database> | Transaction<Database>;
export type ChangeEventRow = Selectable<ChangeEventTable>;

/** The company's events, newest first; with a survey, its own and the company-wide ones. */
export async function findChangeEvents(scope: TenantScope, surveyId?: string): Promise<ChangeEventRow[]> {
  let query = scope.db.selectFrom('change_event').selectAll().where('company_id', '=', scope.companyId);
  if (surveyId !== undefined) query = query.where((eb) => eb.or([eb('survey_id', '=', surveyId), eb('survey_id', 'is', null)]));
  return query.orderBy('occurred_at', 'desc').orderBy('id').execute();
}

export async function findChangeEvent(scope: TenantScope, id: string): Promise<ChangeEventRow | undefined> {
  return scope.db.selectFrom('change_event').selectAll().where('company_id', '=', scope.companyId).where('id', '=', id).executeTakeFirst();
}

export async function insertChangeEvent(db: Db, values: Omit<Insertable<ChangeEventTable>, 'id' | 'created_at' | 'updated_at'>): Promise<ChangeEventRow> {
  return db.insertInto('change_event').values(values).returningAll().executeTakeFirstOrThrow();
}

/** @returns the changed row, or undefined when the company has no such event */
export async function updateChangeEvent(db: Db, companyId: string, id: string, values: Updateable<ChangeEventTable>): Promise<ChangeEventRow | undefined> {
  return db
    .updateTable('change_event')
    .set({ ...values, updated_at: sql<Date>`now()` })
    .where('company_id', '=', companyId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

/** @returns the removed row, or undefined when the company has no such event */
export async function deleteChangeEvent(db: Db, companyId: string, id: string): Promise<ChangeEventRow | undefined> {
  return db.deleteFrom('change_event').where('company_id', '=', companyId).where('id', '=', id).returningAll().executeTakeFirst();
}
