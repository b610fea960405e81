/**
 * One-time links, public: GET /api/links/:token says what the link is for; POST uses it (once) and
 * signs the person in. Limited per client address, like the other public routes.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { ApiError, ErrorResponse } from '../errors.js';
import { linkInfo, useLink } from './links.js';
import { LinkInfoResponse, LinkParams, SessionResponse, UseLinkBody } from './schemas.js';
import { openSession } from './sessions.js';

export interface LinkRouteOptions {
  /** Link requests accepted per client address per minute; 0 turns the limit off. */
  rateLimitPerMinute: number;
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 410: ErrorResponse, 429: ErrorResponse };

export const linkRoutes: FastifyPluginAsyncTypebox<LinkRouteOptions> = async (app, options) => {
  // One count per address for both routes (a route's own config.rateLimit would count each apart).
  const perAddress =
    options.rateLimitPerMinute > 0
      ? app.createRateLimit({ max: options.rateLimitPerMinute, timeWindow: 60_000, keyGenerator: (request) => `links:address:${request.ip}` })
      : null;
  const config = { access: 'public' as const };
  const onRequest = async (request: FastifyRequest) => {
    const result = await perAddress?.(request);
    if (!result?.isExceeded) return;
    const error = new ApiError('RATE_LIMITED', `Too many link requests from this address; try again in ${Math.ceil(result.ttl / 1000)} s.`);
    error.retryAfterSeconds = Math.ceil(result.ttl / 1000);
    throw error;
  };

  app.get('/links/:token', { config, onRequest, schema: { params: LinkParams, response: { 200: LinkInfoResponse, ...errors } } }, async (request) =>
    linkInfo(app.db, request.params.token),
  );

  app.post(
    '/links/:token',
    { config, onRequest, schema: { params: LinkParams, body: UseLinkBody, response: { 200: SessionResponse, ...errors } } },
    async (request, reply) => {
      const used = await useLink(app.db, request.params.token, request.body, request.ip);
      return openSession(app.db, request, reply, used.userId, used.companyId ?? undefined);
    },
  );
};
