import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { tenantOf } from '../accounts/plugin.js';
import type { Permission } from '../accounts/permissions.js';
import { SurveyParams } from '../surveys/schemas.js';
import { SegmentReportResponse, SummaryResponse } from './schemas.js';
import { surveySegmentReport, surveySummary } from './service.js';
import type { ReportSlots } from './slots.js';

export interface ReportRouteOptions {
  /** Shared with the export route: reports and exports running at once (reports/slots.ts). */
  slots: ReportSlots;
  /** Report and export requests per client address per minute; 0: unlimited. */
  rateLimitPerMinute: number;
}

/** The route config of a heavy read: who may call it, and its rate limit per client address (shared by the export route). */
export function heavyReadConfig(permission: Permission, perMinute: number) {
  return { access: { anyOf: [permission] }, ...(perMinute > 0 ? { rateLimit: { max: perMinute, timeWindow: 60_000 } } : {}) } as const;
}

export const reportRoutes: FastifyPluginAsyncTypebox<ReportRouteOptions> = async (app, options) => {
  app.get(
    '/surveys/:id/summary',
    {
      config: { access: { anyOf: ['reports:read'] } },
      schema: { params: SurveyParams, response: { 200: SummaryResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => surveySummary(tenantOf(request), request.params.id),
  );

  app.get(
    '/surveys/:id/report',
    {
      config: heavyReadConfig('reports:read', options.rateLimitPerMinute),
      schema: { params: SurveyParams, response: { 200: SegmentReportResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse } },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      // Slots are counted per company before the survey is looked up: a client looping on a refused
      // report costs no database query per 429. Held until the report's queries are over, even when
      // the client has gone: the database work still runs, and releasing early would let a client
      // that reconnects in a loop pile it up.
      const release = options.slots.acquire(reply, tenant.companyId);
      try {
        return await surveySegmentReport({ ...tenant, acquireClient: app.acquireDatabaseClient }, request.params.id);
      } finally {
        release();
      }
    },
  );
};
