import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { getSurveyHead } from '../surveys/service.js';
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

/** Surveys whose company the report route remembers (a few hundred KB at most). */
const COMPANY_CACHE_SIZE = 10_000;

/** The route config that rate-limits a heavy read per client address (shared by the export route). */
export function heavyReadRateLimit(perMinute: number) {
  return perMinute > 0 ? { config: { rateLimit: { max: perMinute, timeWindow: 60_000 } } } : {};
}

export const reportRoutes: FastifyPluginAsyncTypebox<ReportRouteOptions> = async (app, options) => {
  // A survey never moves to another company, so the company a slot is counted for is looked up once
  // per survey: a client looping on a refused report costs no database query per 429.
  const companyBySurvey = new Map<string, string>();
  async function companyOf(surveyId: string): Promise<string> {
    const known = companyBySurvey.get(surveyId);
    if (known !== undefined) return known;
    const { companyId } = await getSurveyHead(app.db, surveyId);
    if (companyBySurvey.size >= COMPANY_CACHE_SIZE) companyBySurvey.clear();
    companyBySurvey.set(surveyId, companyId);
    return companyId;
  }

  app.get(
    '/surveys/:id/summary',
    { schema: { params: SurveyParams, response: { 200: SummaryResponse, 404: ErrorResponse } } },
    async (request) => surveySummary(app.db, request.params.id),
  );

  app.get(
    '/surveys/:id/report',
    {
      ...heavyReadRateLimit(options.rateLimitPerMinute),
      schema: { params: SurveyParams, response: { 200: SegmentReportResponse, 404: ErrorResponse, 429: ErrorResponse } },
    },
    async (request, reply) => {
      const companyId = await companyOf(request.params.id);
      // Held until the report's queries are over, even when the client has gone: the database work
      // still runs, and releasing early would let a client that reconnects in a loop pile it up.
      const release = options.slots.acquire(reply, companyId);
      try {
        return await surveySegmentReport({ db: app.db, acquireClient: app.acquireDatabaseClient }, request.params.id);
      } finally {
        release();
      }
    },
  );
};
