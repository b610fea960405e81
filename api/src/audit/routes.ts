/**
 * The audit log for admins: GET /api/audit, newest first, a page at a time (`nextCursor`), filtered
 * by action and by time (`from` ≤ at < `to`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantOf } from '../accounts/plugin.js';
import { AuditListResponse, AuditQuery } from '../accounts/schemas.js';
import { ErrorResponse } from '../errors.js';
import { auditPage } from './service.js';

export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/audit',
    {
      config: { access: { anyOf: ['audit:read'] } },
      schema: { querystring: AuditQuery, response: { 200: AuditListResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse } },
    },
    async (request) => auditPage(tenantOf(request), request.query),
  );
};
