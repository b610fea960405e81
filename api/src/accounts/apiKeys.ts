/**
 * API keys for servers: made by an admin, shown once, stored as a hash, scoped, revocable.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { apiKeyPrefix, formatApiKey } from './apiKeyFormat.js';
import type { ApiKeyScope } from './permissions.js';
import { newSecret, secretHash } from './tokens.js';

/**
 * Stores a new key of the company and returns its one and only clear copy.
 * @example const { id, key } = await createApiKey(db, companyId, { name: 'Till system', scopes: ['responses:write'], createdBy: userId });
 */
export async function createApiKey(
  db: Kysely<Database> | Transaction<Database>,
  companyId: string,
  apiKey: { name: string; scopes: readonly ApiKeyScope[]; createdBy: string | null },
): Promise<{ id: string; key: string }> {
  const id = randomUUID();
  const secret = newSecret();
  await db
    .insertInto('api_key')
    .values({
      company_id: companyId,
      id,
      name: apiKey.name,
      scopes: [...new Set(apiKey.scopes)],
      prefix: apiKeyPrefix(id),
      secret_hash: secretHash(secret),
      created_by: apiKey.createdBy,
    })
    .execute();
  return { id, key: formatApiKey(companyId, id, secret) };
}
