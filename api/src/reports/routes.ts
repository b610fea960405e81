import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { tenantOf } from '../accounts/plugin.js';
import type { Permission } from '../accounts/permissions.js';
import { SurveyParams } from '../surveys/schemas.js';
import { ApiError } from '../errors.js';
import { parseReportFilter, ReportFilterQuery } from './filter.js';
import { ReportQuery, SegmentReportResponse, SummaryResponse } from './schemas.js';
import { surveySegmentReport, surveySummary, type SegmentReportOptions } from './service.js';
import { TREND_PERIODS, type TrendPeriod } from './trend.js';
import { SingleFlight } from './singleFlight.js';
import { REPORT_RETRY_AFTER_SECONDS, type ReportSlots } from './slots.js';

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

/**
 * The report's query: the filters (reports/filter.ts), `event` and `period`, each bad value a 400
 * INVALID_FILTER naming its parameter.
 * @example reportOptionsOf({ segment: 'loyal', period: 'week' }) // => { filter: { segment: 'loyal' }, period: 'week' }
 */
export function reportOptionsOf(query: Record<string, string | undefined>): SegmentReportOptions {
  const options: SegmentReportOptions = { filter: parseReportFilter(query) };
  const { event, period } = query;
  if (event !== undefined && event !== '') options.eventId = event;
  if (period !== undefined && period !== '') {
    if (!(TREND_PERIODS as readonly string[]).includes(period)) {
      const message = `"${period}" is not a trend period; use week or month.`;
      throw new ApiError('INVALID_FILTER', `period: ${message}`, [{ path: '/query/period', message }]);
    }
    options.period = period as TrendPeriod;
  }
  return options;
}

export const reportRoutes: FastifyPluginAsyncTypebox<ReportRouteOptions> = async (app, options) => {
  // Identical reports in flight (same company, survey, filter, event, period) are computed once for
  // every caller (reports/singleFlight.ts); the report depends on nothing else of the request.
  const flights = new SingleFlight<Awaited<ReturnType<typeof surveySegmentReport>>>();
  app.get(
    '/surveys/:id/summary',
    {
      config: { access: { anyOf: ['reports:read'] } },
      schema: { params: SurveyParams, querystring: ReportFilterQuery, response: { 200: SummaryResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse } },
    },
    async (request) => surveySummary(tenantOf(request), request.params.id, parseReportFilter(request.query)),
  );

  app.get(
    '/surveys/:id/report',
    {
      config: heavyReadConfig('reports:read', options.rateLimitPerMinute),
      schema: { params: SurveyParams, querystring: ReportQuery, response: { 200: SegmentReportResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse } },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const reportOptions = reportOptionsOf(request.query);
      // Slots are counted per company before the survey is looked up: a client looping on a refused
      // report costs no database query per 429. Held until the report's queries are over, even when
      // the client has gone: the database work still runs, and releasing early would let a client
      // that reconnects in a loop pile it up.
      // Only the first of identical requests takes a slot; the others wait for its result.
      const key = JSON.stringify([tenant.companyId, request.params.id, reportOptions]);
      try {
        return await flights.run(key, async () => {
          const release = options.slots.acquire(reply, tenant.companyId);
          try {
            return await surveySegmentReport({ ...tenant, acquireClient: app.acquireDatabaseClient }, request.params.id, reportOptions);
          } finally {
            release();
          }
        });
      } catch (failure) {
        // A waiting caller refused along with the first one is told when to come back too.
        if (failure instanceof ApiError && failure.code === 'REPORT_BUSY') reply.header('retry-after', String(REPORT_RETRY_AFTER_SECONDS));
        throw failure;
      }
    },
  );
};
