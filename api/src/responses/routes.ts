import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse } from '../errors.js';
import { InviteTokenParams } from '../invites/schemas.js';
import { SurveyParams } from '../surveys/schemas.js';
import { InsertBatcher } from './insertBatch.js';
import { SubmitResponseBody, SubmitResponseResult } from './schemas.js';
import { submitInviteResponse, submitResponse, type SurveyHeadCache } from './service.js';

export interface ResponseRouteOptions {
  /** Submissions per client address per minute; 0: unlimited. */
  rateLimitPerMinute: number;
}

/** A public route limited to `perMinute` calls per client address (0: unlimited). */
export function publicRouteConfig(perMinute: number) {
  return { access: 'public', ...(perMinute > 0 ? { rateLimit: { max: perMinute, timeWindow: 60_000 } } : {}) } as const;
}

const SUBMIT_ANSWERS = {
  200: SubmitResponseResult,
  201: SubmitResponseResult,
  400: ErrorResponse,
  404: ErrorResponse,
  409: ErrorResponse,
  410: ErrorResponse,
  413: ErrorResponse,
  415: ErrorResponse,
  422: ErrorResponse,
  429: ErrorResponse,
};

export const responseRoutes: FastifyPluginAsyncTypebox<ResponseRouteOptions> = async (app, options) => {
  const headCache: SurveyHeadCache = new Map();
  const insertBatcher = app.acquireRequestClient ? new InsertBatcher(app.acquireRequestClient) : undefined;
  app.post(
    '/surveys/:id/responses',
    { config: publicRouteConfig(options.rateLimitPerMinute), schema: { params: SurveyParams, body: SubmitResponseBody, response: SUBMIT_ANSWERS } },
    async (request, reply) => {
      const result = await submitResponse({ db: app.db, acquireClient: app.acquireRequestClient, headCache, insertBatcher }, request.params.id, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );

  app.post(
    '/s/i/:token/responses',
    { config: publicRouteConfig(options.rateLimitPerMinute), schema: { params: InviteTokenParams, body: SubmitResponseBody, response: SUBMIT_ANSWERS } },
    async (request, reply) => {
      const result = await submitInviteResponse(app.db, request.params.token, request.body);
      return reply.code(result.duplicate ? 200 : 201).send(result);
    },
  );
};
