import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantOf } from '../accounts/plugin.js';
import { ErrorResponse } from '../errors.js';
import { SurveyListResponse } from './schemas.js';
import { listSurveys } from './service.js';

export const surveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/surveys',
    { config: { access: { anyOf: ['surveys:read'] } }, schema: { response: { 200: SurveyListResponse, 401: ErrorResponse, 403: ErrorResponse } } },
    async (request) => ({ surveys: await listSurveys(tenantOf(request)) }),
  );

};
