import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * @example const companyId = await insertCompany(db, { name: 'Demo Coffee' });
 */
export async function insertCompany(db: Db, company: { name: string; id?: string }): Promise<string> {
  const row = await db
    .insertInto('company')
    .values({ ...(company.id ? { id: company.id } : {}), name: company.name })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** @example const company = await findCompany(tenant); */
export async function findCompany(scope: { db: Db; companyId: string }) {
  return scope.db.selectFrom('company').select(['id', 'name', 'created_at as createdAt']).where('id', '=', scope.companyId).executeTakeFirst();
}

/** Renames the company, reading the name it had in the same statement's transaction. @returns the old and the new row */
export async function renameCompany(db: Db, companyId: string, name: string) {
  const before = await db.selectFrom('company').select('name').where('id', '=', companyId).forUpdate().executeTakeFirst();
  if (!before) return undefined;
  const after = await db
    .updateTable('company')
    .set({ name })
    .where('id', '=', companyId)
    .returning(['id', 'name', 'created_at as createdAt'])
    .executeTakeFirstOrThrow();
  return { from: before.name, company: after };
}
