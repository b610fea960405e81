/**
 * The drill-down (issue 17): the respondents behind a report cell (segment, loyalty type, satisfaction
 * level, recovery group, period), paged and sortable, with their stored scores; one respondent's
 * answers, scores, purchases and invite; free-text comments filtered by segment. docs/API.md "Drill-down".
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantOf } from '../accounts/plugin.js';
import { ErrorResponse } from '../errors.js';
import { SurveyParams } from '../surveys/schemas.js';
import { getRespondent, listComments, listRespondents } from './drillDown.js';
import { CommentsQuery, parsePage, parseRespondentsQuery, RespondentsQuery } from './drillDownQuery.js';
import { CommentsResponse, RespondentParams, RespondentResponse, RespondentsResponse } from './drillDownSchemas.js';
import { parseReportFilter } from './filter.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const drillDownRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/surveys/:id/respondents',
    {
      config: { access: { anyOf: ['reports:read'] } },
      schema: { params: SurveyParams, querystring: RespondentsQuery, response: { 200: RespondentsResponse, ...errors } },
    },
    async (request) => {
      const { filter, cell, sort, order, page } = parseRespondentsQuery(request.query);
      return listRespondents(tenantOf(request), request.params.id, filter, cell, sort, order, page);
    },
  );

  app.get(
    '/surveys/:id/respondents/:responseId',
    {
      config: { access: { anyOf: ['reports:read'] } },
      schema: { params: RespondentParams, response: { 200: RespondentResponse, ...errors } },
    },
    async (request) => getRespondent(tenantOf(request), request.params.id, request.params.responseId),
  );

  app.get(
    '/surveys/:id/comments',
    {
      config: { access: { anyOf: ['reports:read'] } },
      schema: { params: SurveyParams, querystring: CommentsQuery, response: { 200: CommentsResponse, ...errors } },
    },
    async (request) => {
      const filter = parseReportFilter(request.query);
      return listComments(tenantOf(request), request.params.id, filter, parsePage(request.query, 'submittedAt', 'desc'));
    },
  );
};
