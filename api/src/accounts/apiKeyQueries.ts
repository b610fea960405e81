/**
 * API key queries of one company: the list for admins (with the creator's email) and revoking.
 * The lookup of a key by a request is in queries.ts (findActiveApiKey).
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
