/**
 * API keys of the company, for admins: list, create (the secret is in this one answer only),
 * revoke (at once: the access check reads revoked_at on every request). Each change is audited,
 * never with the secret.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditFromRequest } from '../audit/service.js';
import { ApiError, ErrorResponse } from '../errors.js';
import { findApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from './apiKeyQueries.js';
import { createApiKey } from './apiKeys.js';
import { tenantOf, userOf } from './plugin.js';
import { ApiKey, ApiKeyListResponse, ApiKeyParams, CreateApiKeyBody, CreatedApiKeyResponse } from './schemas.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };
const access = { anyOf: ['apiKeys:manage'] } as const;

function apiKeyResponse(row: ApiKeyRow) {
  return {
    ...row,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api-keys', { config: { access }, schema: { response: { 200: ApiKeyListResponse, ...errors } } }, async (request) => {
    const rows = await listApiKeys(tenantOf(request));
    return { apiKeys: rows.map(apiKeyResponse) };
  });

  app.post(
    '/api-keys',
    { config: { access }, schema: { body: CreateApiKeyBody, response: { 201: CreatedApiKeyResponse, ...errors } } },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const user = userOf(request);
      const { name, scopes } = request.body;
      const created = await tenant.db.transaction().execute(async (trx) => {
        const { id, key } = await createApiKey(trx, tenant.companyId, { name, scopes, createdBy: user.userId });
        await auditFromRequest(request, 'api_key_created', `api_key:${id}`, { name, scopes }, trx);
        return { row: (await findApiKey(trx, tenant.companyId, id))!, key };
      });
      return reply.code(201).send({ apiKey: apiKeyResponse(created.row), secret: created.key });
    },
  );

  app.delete(
    '/api-keys/:id',
    { config: { access }, schema: { params: ApiKeyParams, response: { 200: ApiKey, 404: ErrorResponse, ...errors } } },
    async (request) => {
      const tenant = tenantOf(request);
      const row = await tenant.db.transaction().execute(async (trx) => {
        if (await revokeApiKey(trx, tenant.companyId, request.params.id, new Date())) {
          const revoked = (await findApiKey(trx, tenant.companyId, request.params.id))!;
          await auditFromRequest(request, 'api_key_revoked', `api_key:${revoked.id}`, { name: revoked.name }, trx);
          return revoked;
        }
        return findApiKey(trx, tenant.companyId, request.params.id);
      });
      if (!row) {
        throw new ApiError('API_KEY_NOT_FOUND', 'This company has no API key with this id; reload the list of keys.', [
          { path: '/params/id', message: 'is not an API key of this company' },
        ]);
      }
      return apiKeyResponse(row);
    },
  );
};
