import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantOf } from '../accounts/plugin.js';
import { ErrorResponse } from '../errors.js';
import { PublishedSurveyResponse, SurveyListResponse, SurveyParams } from './schemas.js';
import { getPublishedSurvey, listSurveys } from './service.js';

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/surveys',
    { config: { access: { anyOf: ['surveys:read'] } }, schema: { response: { 200: SurveyListResponse, 401: ErrorResponse, 403: ErrorResponse } } },
    async (request) => ({ surveys: await listSurveys(tenantOf(request)) }),
  );

  app.get(
    '/surveys/:id',
    { config: { access: 'public' }, schema: { params: SurveyParams, response: { 200: PublishedSurveyResponse, 404: ErrorResponse } } },
    async (request) => {
      const survey = await getPublishedSurvey(app.db, request.params.id);
      return { id: survey.id, companyName: survey.companyName, version: survey.version, definition: survey.definition };
    },
  );
};
