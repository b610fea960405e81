import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { SurveyParams } from '../surveys/schemas.js';
import { SubmitResponseBody, SubmitResponseResult } from './schemas.js';
import { submitResponse } from './service.js';

export const responseRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/surveys/:id/responses',
    {
      schema: {
        params: SurveyParams,
        body: SubmitResponseBody,
        response: {
          200: SubmitResponseResult,
          201: SubmitResponseResult,
          400: ErrorResponse,
          404: ErrorResponse,
          409: ErrorResponse,
          413: ErrorResponse,
          415: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const result = await submitResponse(app.db, request.params.id, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
};
