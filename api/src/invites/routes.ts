/**
 * Per-purchase invites of a company's survey (docs/INVITES.md): made one at a time at order time
 * (an API key with invites:write, or an analyst), imported from CSV, listed, exported for a mailer,
 * and QR codes of the survey's anonymous link and of each invite.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { tenantOf } from '../accounts/plugin.js';
import { requestOrigin } from '../accounts/userRoutes.js';
import { auditFromRequest } from '../audit/service.js';
import { ApiError, ErrorResponse } from '../errors.js';
import { attachment } from '../exports/routes.js';
import { SurveyParams } from '../surveys/schemas.js';
import { MAX_IMPORT_ROWS } from './csvImport.js';
import { qrCode, QR_CONTENT_TYPES, type QrFormat } from './qr.js';
import { CreateInviteBody, ImportResult, InviteListQuery, InviteListResponse, InviteParams, InviteResponse, QrQuery } from './schemas.js';
import { createInvite, exportInvitesCsv, importInvites, inviteJson, inviteLinkUrl, listInvites, surveyLinkUrl } from './service.js';

export interface InviteRouteOptions {
  /** The address respondents reach the app at (PUBLIC_URL), for the links in exports and QR codes. */
  publicUrl: string | undefined;
}

/** Room for MAX_IMPORT_ROWS rows of about 300 bytes each. */
const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

const writeInvites = { access: { anyOf: ['invites:write' as const] } };
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const CsvText = Type.Unsafe<Readable>({ type: 'string', description: 'text/csv: customer_ref, order_ref, email, language, expires_at, url, answered_at' });
const Image = Type.Unsafe<Buffer | string>({ type: 'string', description: 'the QR code: image/svg+xml or image/png' });

export const inviteRoutes: FastifyPluginAsyncTypebox<InviteRouteOptions> = async (app, options) => {
  const origin = (request: FastifyRequest) => options.publicUrl ?? requestOrigin(request);

  // Only this plugin's routes take CSV; the rest of the API stays JSON-only (jsonBody.ts).
  app.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.post(
    '/surveys/:id/invites',
    { config: writeInvites, schema: { params: SurveyParams, body: CreateInviteBody, response: { 200: InviteResponse, 201: InviteResponse, ...errors } } },
    async (request, reply) => {
      const { invite, created } = await createInvite(tenantOf(request), request.params.id, request.body, (trx, details) =>
        auditFromRequest(request, 'invite_created', `survey:${request.params.id}`, details, trx),
      );
      return reply.code(created ? 201 : 200).send({ invite: inviteJson(invite, origin(request)) });
    },
  );

  app.post(
    '/surveys/:id/invites/import',
    {
      config: writeInvites,
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        params: SurveyParams,
        description: `Body: the CSV file as text/csv (UTF-8), at most ${MAX_IMPORT_ROWS} rows; see docs/INVITES.md.`,
        response: { 200: ImportResult, ...errors, 413: ErrorResponse, 415: ErrorResponse, 422: ErrorResponse },
      },
    },
    async (request) => {
      if (!Buffer.isBuffer(request.body)) {
        throw new ApiError('UNSUPPORTED_MEDIA_TYPE', 'Send the invite file as the body with Content-Type: text/csv (docs/INVITES.md).');
      }
      return importInvites(tenantOf(request), request.params.id, request.body, (trx, details) =>
        auditFromRequest(request, 'invites_imported', `survey:${request.params.id}`, details, trx),
      );
    },
  );

  app.get(
    '/surveys/:id/invites',
    { config: writeInvites, schema: { params: SurveyParams, querystring: InviteListQuery, response: { 200: InviteListResponse, ...errors } } },
    async (request) => listInvites(tenantOf(request), request.params.id, { offset: request.query.offset ?? 0, limit: request.query.limit ?? 50 }, origin(request)),
  );

  app.get(
    '/surveys/:id/invites.csv',
    { config: writeInvites, schema: { params: SurveyParams, response: { 200: CsvText, ...errors } } },
    async (request, reply) => {
      const { filename, stream } = await exportInvitesCsv(tenantOf(request), request.params.id, origin(request));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(filename))
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );

  const sendQr = async (reply: FastifyReply, url: string, format: QrFormat, size: number | undefined) =>
    reply
      .header('content-type', QR_CONTENT_TYPES[format])
      .header('cache-control', 'private, no-cache')
      .send(format === 'svg' ? await qrCode(url, 'svg') : await qrCode(url, 'png', size));

  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/surveys/:id/qr.${format}`,
      { config: { access: { anyOf: ['surveys:read'] } }, schema: { params: SurveyParams, querystring: QrQuery, response: { 200: Image, ...errors } } },
      async (request, reply) => {
        const url = await surveyLinkUrl(tenantOf(request), request.params.id, origin(request));
        return sendQr(reply, url, format, request.query.size);
      },
    );
    app.get(
      `/surveys/:id/invites/:inviteId/qr.${format}`,
      { config: writeInvites, schema: { params: InviteParams, querystring: QrQuery, response: { 200: Image, ...errors } } },
      async (request, reply) => {
        const url = await inviteLinkUrl(tenantOf(request), request.params.id, request.params.inviteId, origin(request));
        return sendQr(reply, url, format, request.query.size);
      },
    );
  }
};
