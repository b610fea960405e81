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
