/**
 * The survey builder's JSON API (docs/API.md "Building surveys"): create a survey, edit the draft of
 * its next version, publish, close, reopen, its settings and its versions. Reads need surveys:read,
 * changes surveys:write; another company's survey answers 404 SURVEY_NOT_FOUND. Every change but a
 * draft save is audited (a builder saves the draft as the analyst types; the publish is the act
 * that matters and is audited with its version).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { tenantOf } from '../accounts/plugin.js';
import { auditFromRequest } from '../audit/service.js';
import { ApiError, ErrorResponse } from '../errors.js';
import { blankDefinition } from '../model/blank.js';
import type { SurveyDefinition } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { insertDraftSurvey, updateBuilderSurvey, type Scope } from './builderQueries.js';
import { CreateSurveyBody, SaveDraftBody, SurveyDetailResponse, UpdateSurveyBody, VersionParams, VersionResponse } from './builderSchemas.js';
import {
  changeSlug,
  changeStatus,
  checkedDraft,
  definitionToCopy,
  giveSlug,
  giveSlugFromName,
  lockedSurvey,
  publishDraft,
  publishedVersion,
  surveyDetail,
} from './builderService.js';
import { SurveyParams } from './schemas.js';
import { serializerCompiler } from '../plainSerializer.js';

const read = { access: { anyOf: ['surveys:read'] } } as const;
const write = { access: { anyOf: ['surveys:write'] } } as const;
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const changeErrors = { ...errors, 409: ErrorResponse, 422: ErrorResponse };
/** A definition of 200 questions in four languages is larger than the default body limit allows. */
const DEFINITION_BODY_LIMIT = 1024 * 1024;

/** The user who did it, for survey_version.created_by; null for an API key. */
const userIdOf = (request: FastifyRequest) => (request.principal?.kind === 'user' ? request.principal.userId : null);

function bodyProblem(path: string, message: string): ApiError {
  return new ApiError('VALIDATION_FAILED', `${path} ${message}.`, [{ path, message }]);
}

/** The new survey's first draft, from the source the body names. */
async function startingDefinition(scope: Scope, body: CreateSurveyBody): Promise<SurveyDefinition> {
  if (body.from !== 'copy' && body.copyOf !== undefined) throw bodyProblem('/copyOf', "is only for from: 'copy'");
  if (body.from !== 'definition' && body.definition !== undefined) throw bodyProblem('/definition', "is only for from: 'definition'");
  switch (body.from) {
    case 'full':
      return fullTemplate();
    case 'short':
      return shortTemplate();
    case 'blank':
      return blankDefinition();
    case 'copy':
      if (body.copyOf === undefined) throw bodyProblem('/copyOf', "is required with from: 'copy'");
      return definitionToCopy(scope, body.copyOf);
    case 'definition':
      if (body.definition === undefined) throw bodyProblem('/definition', "is required with from: 'definition'");
      return checkedDraft(body.definition).definition;
  }
}

export const builderRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/surveys',
    {
      config: write,
      serializerCompiler,
      bodyLimit: DEFINITION_BODY_LIMIT,
      schema: {
        description: 'Creates a survey with a draft (from a template, blank, a copy of another survey of the company, or a definition sent whole) and a link name.',
        body: CreateSurveyBody,
        response: { 201: SurveyDetailResponse, ...changeErrors },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      const body = request.body;
      const detail = await tenant.db.transaction().execute(async (trx) => {
        const scope = { db: trx, companyId: tenant.companyId };
        const draft = await startingDefinition(scope, body);
        const surveyId = await insertDraftSurvey(scope, { name: body.name, draft });
        const slug = body.slug !== undefined ? (await giveSlug(scope, surveyId, body.slug), body.slug) : await giveSlugFromName(scope, surveyId, body.name);
        await auditFromRequest(request, 'survey_created', `survey:${surveyId}`, { name: body.name, source: body.from, slug }, trx);
        return surveyDetail(scope, surveyId);
      });
      return reply.code(201).send(detail);
    },
  );

  app.get(
    '/surveys/:id/builder',
    { config: read, serializerCompiler, schema: { description: 'The survey as the builder shows it: draft, published version, problems, versions with what each changed.', params: SurveyParams, response: { 200: SurveyDetailResponse, ...errors } } },
    async (request) => surveyDetail(tenantOf(request), request.params.id),
  );

  app.put(
    '/surveys/:id/draft',
    {
      config: write,
      serializerCompiler,
      bodyLimit: DEFINITION_BODY_LIMIT,
      schema: {
        description: 'Saves the draft of the next version. Missing translations are allowed (listed in problems); any other problem refuses it with INVALID_DEFINITION.',
        params: SurveyParams,
        body: SaveDraftBody,
        response: { 200: SurveyDetailResponse, ...changeErrors },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      const { definition } = checkedDraft(request.body.definition);
      return tenant.db.transaction().execute(async (trx) => {
        const scope = { db: trx, companyId: tenant.companyId };
        await lockedSurvey(scope, request.params.id);
        await updateBuilderSurvey(scope, request.params.id, { draft: definition });
        return surveyDetail(scope, request.params.id);
      });
    },
  );

  app.delete(
    '/surveys/:id/draft',
    { config: write, serializerCompiler, schema: { description: 'Discards the draft; the published version stays as it is.', params: SurveyParams, response: { 200: SurveyDetailResponse, ...errors } } },
    async (request) => {
      const tenant = tenantOf(request);
      return tenant.db.transaction().execute(async (trx) => {
        const scope = { db: trx, companyId: tenant.companyId };
        const survey = await lockedSurvey(scope, request.params.id);
        if (survey.draft_definition !== null) {
          await updateBuilderSurvey(scope, survey.id, { draft: null });
          await auditFromRequest(request, 'survey_draft_discarded', `survey:${survey.id}`, { name: survey.name }, trx);
        }
        return surveyDetail(scope, survey.id);
      });
    },
  );

  app.patch(
    '/surveys/:id',
    { config: write, serializerCompiler, schema: { description: "Changes the survey's name, link name (null removes it) or one-response-per-browser setting.", params: SurveyParams, body: UpdateSurveyBody, response: { 200: SurveyDetailResponse, ...changeErrors } } },
    async (request) => {
      const tenant = tenantOf(request);
      const body = request.body;
      return tenant.db.transaction().execute(async (trx) => {
        const scope = { db: trx, companyId: tenant.companyId };
        const survey = await lockedSurvey(scope, request.params.id);
        const changed: Record<string, unknown> = {};
        if (body.slug !== undefined && (await changeSlug(scope, survey.id, body.slug))) changed.slug = body.slug;
        if (body.name !== undefined && body.name !== survey.name) changed.name = body.name;
        if (body.oneResponsePerBrowser !== undefined && body.oneResponsePerBrowser !== survey.one_response_per_browser) {
          changed.oneResponsePerBrowser = body.oneResponsePerBrowser;
        }
        if (Object.keys(changed).length > 0) {
          await updateBuilderSurvey(scope, survey.id, { name: body.name, oneResponsePerBrowser: body.oneResponsePerBrowser });
          await auditFromRequest(request, 'survey_updated', `survey:${survey.id}`, changed, trx);
        }
        return surveyDetail(scope, survey.id);
      });
    },
  );

  app.post(
    '/surveys/:id/publish',
    {
      config: write,
      serializerCompiler,
      schema: {
        description: 'Publishes the draft as the next version (any problem, missing texts included, refuses it); respondents who started an earlier version keep it.',
        params: SurveyParams,
        response: { 200: SurveyDetailResponse, ...changeErrors },
      },
    },
    async (request) => {
      const tenant = tenantOf(request);
      return tenant.db.transaction().execute(async (trx) => {
        const scope = { db: trx, companyId: tenant.companyId };
        const survey = await lockedSurvey(scope, request.params.id);
        const { version } = await publishDraft(scope, survey, userIdOf(request));
        await auditFromRequest(request, 'survey_published', `survey:${survey.id}`, { name: survey.name, version }, trx);
        return surveyDetail(scope, survey.id);
      });
    },
  );

  for (const [route, from, to, action] of [
    ['close', 'published', 'closed', 'survey_closed'],
    ['reopen', 'closed', 'published', 'survey_reopened'],
  ] as const) {
    app.post(
      `/surveys/:id/${route}`,
      {
        config: write,
        serializerCompiler,
        schema: {
          description: route === 'close' ? 'Closes a published survey: it takes no more answers.' : 'Reopens a closed survey with its published version.',
          params: SurveyParams,
          response: { 200: SurveyDetailResponse, ...errors, 409: ErrorResponse },
        },
      },
      async (request) => {
        const tenant = tenantOf(request);
        return tenant.db.transaction().execute(async (trx) => {
          const scope = { db: trx, companyId: tenant.companyId };
          const survey = await lockedSurvey(scope, request.params.id);
          await changeStatus(scope, survey, from, to);
          await auditFromRequest(request, action, `survey:${survey.id}`, { name: survey.name, version: survey.published_version }, trx);
          return surveyDetail(scope, survey.id);
        });
      },
    );
  }

  app.get(
    '/surveys/:id/versions/:version',
    { config: read, serializerCompiler, schema: { description: 'One published version of the survey, as respondents of that version saw it.', params: VersionParams, response: { 200: VersionResponse, ...errors } } },
    async (request) => publishedVersion(tenantOf(request), request.params.id, request.params.version),
  );
};
