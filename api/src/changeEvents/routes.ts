/**
 * Change events (issue 17): dated events ("new recipe", "price rise") per company or per survey that
 * analysts add, edit and remove; the report compares before and after any of them. docs/API.md
 * "Change events".
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { Transaction } from 'kysely';
import { Type } from 'typebox';
import { tenantOf } from '../accounts/plugin.js';
import type { AuditAction } from '../accounts/schemas.js';
import { auditFromRequest } from '../audit/service.js';
import type { Database } from '../db/schema.js';
import { ErrorResponse } from '../errors.js';
import type { ChangeEventRow } from './queries.js';
import { ChangeEventListQuery, ChangeEventListResponse, ChangeEventParams, ChangeEventResponse, CreateChangeEventBody, UpdateChangeEventBody } from './schemas.js';
import { createChangeEvent, editChangeEvent, listChangeEvents, removeChangeEvent } from './service.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const read = { access: { anyOf: ['reports:read' as const] } };
const write = { access: { anyOf: ['surveys:write' as const] } };

const auditing = (request: FastifyRequest, action: AuditAction) => (trx: Transaction<Database>, row: ChangeEventRow) =>
  auditFromRequest(request, action, `change_event:${row.id}`, { title: row.title, occurredAt: row.occurred_at.toISOString(), surveyId: row.survey_id }, trx);

export const changeEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/change-events',
    { config: read, schema: { querystring: ChangeEventListQuery, response: { 200: ChangeEventListResponse, ...errors } } },
    async (request) => ({ changeEvents: await listChangeEvents(tenantOf(request), request.query.surveyId) }),
  );

  app.post(
    '/change-events',
    { config: write, schema: { body: CreateChangeEventBody, response: { 201: ChangeEventResponse, ...errors } } },
    async (request, reply) => {
      const createdBy = request.principal?.kind === 'user' ? request.principal.userId : null;
      const changeEvent = await createChangeEvent(tenantOf(request), request.body, createdBy, auditing(request, 'change_event_created'));
      return reply.code(201).send({ changeEvent });
    },
  );

  app.patch(
    '/change-events/:id',
    { config: write, schema: { params: ChangeEventParams, body: UpdateChangeEventBody, response: { 200: ChangeEventResponse, ...errors } } },
    async (request) => ({ changeEvent: await editChangeEvent(tenantOf(request), request.params.id, request.body, auditing(request, 'change_event_updated')) }),
  );

  app.delete(
    '/change-events/:id',
    { config: write, schema: { params: ChangeEventParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await removeChangeEvent(tenantOf(request), request.params.id, auditing(request, 'change_event_deleted'));
      return reply.code(204).send(null);
    },
  );
};
