import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { PublishedSurveyResponse, SurveyListResponse, SurveyParams } from './schemas.js';
import { getPublishedSurvey, listSurveys } from './service.js';

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/surveys', { schema: { response: { 200: SurveyListResponse } } }, async () => ({
    surveys: await listSurveys(app.db),
  }));

  app.get(
    '/surveys/:id',
    { schema: { params: SurveyParams, response: { 200: PublishedSurveyResponse, 404: ErrorResponse } } },
    async (request) => {
      const survey = await getPublishedSurvey(app.db, request.params.id);
      return { id: survey.id, companyName: survey.companyName, version: survey.version, definition: survey.definition };
    },
  );
};
