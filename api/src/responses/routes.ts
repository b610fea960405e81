import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { SurveyParams } from '../surveys/schemas.js';
import { SubmitResponseBody, SubmitResponseResult } from './schemas.js';
import { submitResponse, type SurveyHeadCache } from './service.js';

export interface ResponseRouteOptions {
  /** Submissions per client address per minute; 0: unlimited. */
  rateLimitPerMinute: number;
}

export const responseRoutes: FastifyPluginAsyncTypebox<ResponseRouteOptions> = async (app, options) => {
  const headCache: SurveyHeadCache = new Map();
  app.post(
    '/surveys/:id/responses',
    {
      config: { access: 'public', ...(options.rateLimitPerMinute > 0 ? { rateLimit: { max: options.rateLimitPerMinute, timeWindow: 60_000 } } : {}) },
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
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const result = await submitResponse({ db: app.db, acquireClient: app.acquireRequestClient, headCache }, request.params.id, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
};
