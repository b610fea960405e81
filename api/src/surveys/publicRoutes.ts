/**
 * What a respondent's page reads: a published survey by id (GET /api/surveys/:id), by its readable
 * link (GET /api/s/:slug) or through a per-purchase invite (GET /api/s/i/:token). Public, and
 * limited per client address like the submission.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse } from '../errors.js';
import { InviteTokenParams } from '../invites/schemas.js';
import { inviteOfToken, inviteUsedError, surveyOfInvite } from '../invites/service.js';
import { publicRouteConfig } from '../responses/routes.js';
import { serializerCompiler } from '../plainSerializer.js';
import { getOpenSurvey, respondentPayload, startedVersion, surveyIdOfLink } from './respondentSurvey.js';
import { PublishedSurveyResponse, SurveyParams } from './schemas.js';

export interface PublicSurveyRouteOptions {
  /** Lookups per client address per minute; 0: unlimited. */
  rateLimitPerMinute: number;
}

const SlugParams = Type.Object(
  { slug: Type.String({ minLength: 1, maxLength: 100, description: "the survey's link name (e.g. demo-check-up) or its id" }) },
  { additionalProperties: false },
);

/** `?version=`: the version the respondent started, kept after a reload while it is older than the published one. */
const StartedQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'the version the respondent started; an older published one is kept' })) },
  { additionalProperties: false },
);

const ANSWERS = { 200: PublishedSurveyResponse, 400: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse, 410: ErrorResponse, 429: ErrorResponse };

export const publicSurveyRoutes: FastifyPluginAsyncTypebox<PublicSurveyRouteOptions> = async (app, options) => {
  const config = publicRouteConfig(options.rateLimitPerMinute);
  // Answers written with JSON.stringify (plainSerializer.ts): the first respondent after a start
  // waited ~1 s for fast-json-stringify to compile the definition's schema.

  app.get('/surveys/:id', { config, serializerCompiler, schema: { params: SurveyParams, querystring: StartedQuery, response: ANSWERS } }, async (request) => {
    const survey = await getOpenSurvey(app.db, request.params.id);
    return respondentPayload(app.db, await startedVersion(app.db, survey, request.query.version), null);
  });

  app.get('/s/:slug', { config, serializerCompiler, schema: { params: SlugParams, querystring: StartedQuery, response: ANSWERS } }, async (request) => {
    const surveyId = await surveyIdOfLink(app.db, request.params.slug);
    const survey = await getOpenSurvey(app.db, surveyId);
    return respondentPayload(app.db, await startedVersion(app.db, survey, request.query.version), null);
  });

  app.get('/s/i/:token', { config, serializerCompiler, schema: { params: InviteTokenParams, querystring: StartedQuery, response: ANSWERS } }, async (request) => {
    const invite = await inviteOfToken(app.db, request.params.token);
    if (invite.used_at) throw inviteUsedError();
    const survey = await startedVersion(app.db, await surveyOfInvite(app.db, invite), request.query.version);
    return respondentPayload(app.db, survey, { token: invite.token, language: invite.language });
  });
};
