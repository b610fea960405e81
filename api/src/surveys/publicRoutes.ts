/**
 * What a respondent's page reads: a published survey by id (GET /api/surveys/:id). Issue 16 adds the
 * readable link (/api/s/:slug) and per-purchase invites (/api/s/i/:token) here.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { findPublicBranding } from '../companies/branding.js';
import { ErrorResponse } from '../errors.js';
import { PublishedSurveyResponse, SurveyParams } from './schemas.js';
import { getPublishedSurvey } from './service.js';

export const publicSurveyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/surveys/:id',
    { config: { access: 'public' }, schema: { params: SurveyParams, response: { 200: PublishedSurveyResponse, 404: ErrorResponse, 410: ErrorResponse } } },
    async (request) => {
      const survey = await getPublishedSurvey(app.db, request.params.id);
      const [branding, link, settings] = await Promise.all([
        findPublicBranding(app.db, survey.companyId),
        app.db.selectFrom('survey_link').select('slug').where('company_id', '=', survey.companyId).where('survey_id', '=', survey.id).executeTakeFirst(),
        app.db.selectFrom('survey').select('one_response_per_browser').where('company_id', '=', survey.companyId).where('id', '=', survey.id).executeTakeFirstOrThrow(),
      ]);
      return {
        id: survey.id,
        slug: link?.slug ?? null,
        companyName: survey.companyName,
        version: survey.version,
        definition: survey.definition,
        branding,
        oneResponsePerBrowser: settings.one_response_per_browser,
        invite: null,
        submitPath: `/api/surveys/${survey.id}/responses`,
      };
    },
  );
};
