import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { SurveyParams } from '../surveys/schemas.js';
import { SegmentReportResponse, SummaryResponse } from './schemas.js';
import { surveySegmentReport, surveySummary } from './service.js';

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/surveys/:id/summary',
    { schema: { params: SurveyParams, response: { 200: SummaryResponse, 404: ErrorResponse } } },
    async (request) => surveySummary(app.db, request.params.id),
  );

  app.get(
    '/surveys/:id/report',
    { schema: { params: SurveyParams, response: { 200: SegmentReportResponse, 404: ErrorResponse } } },
    async (request) => surveySegmentReport({ db: app.db, acquireClient: app.acquireDatabaseClient }, request.params.id),
  );
};
