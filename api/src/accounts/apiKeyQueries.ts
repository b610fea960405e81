/**
 * API key queries: a request's key looked up by its company and id, the list for admins (with the
 * creator's email) and revoking.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';

type Db = Kysely<Database> | Transaction<Database>;

function apiKeysOf(db: Db, companyId: string) {
  return db
    .selectFrom('api_key')
    .leftJoin('app_user', 'app_user.id', 'api_key.created_by')
    .select([
      'api_key.id',
      'api_key.name',
      'api_key.scopes',
      'api_key.prefix',
      'api_key.created_at as createdAt',
      'app_user.email as createdBy',
      'api_key.last_used_at as lastUsedAt',
      'api_key.revoked_at as revokedAt',
    ])
    .where('api_key.company_id', '=', companyId);
}

export type ApiKeyRow = Awaited<ReturnType<typeof findApiKey>> & object;

/** @example const keys = await listApiKeys(tenant); // newest first, revoked ones too */
export async function listApiKeys(scope: TenantScope) {
  return apiKeysOf(scope.db, scope.companyId).orderBy('api_key.created_at', 'desc').orderBy('api_key.id', 'desc').execute();
}

export async function findApiKey(db: Db, companyId: string, keyId: string) {
  return apiKeysOf(db, companyId).where('api_key.id', '=', keyId).executeTakeFirst();
}

/** Revokes the key if it is not revoked yet. @returns whether this call revoked it */
export async function revokeApiKey(db: Db, companyId: string, keyId: string, at: Date): Promise<boolean> {
  const result = await db
    .updateTable('api_key')
    .set({ revoked_at: at })
    .where('company_id', '=', companyId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The API key of the company, if it exists and is not revoked. */
export async function findActiveApiKey(db: Db, companyId: string, keyId: string) {
  return db
    .selectFrom('api_key')
    .select(['id', 'company_id as companyId', 'name', 'scopes', 'secret_hash as secretHash', 'last_used_at as lastUsedAt'])
    .where('company_id', '=', companyId)
    .where('id', '=', keyId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function touchApiKey(db: Db, companyId: string, keyId: string, at: Date): Promise<void> {
  await db.updateTable('api_key').set({ last_used_at: at }).where('company_id', '=', companyId).where('id', '=', keyId).execute();
}
