import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { ErrorResponse } from '../errors.js';
import { tenantOf } from '../accounts/plugin.js';
import { auditFromRequest } from '../audit/service.js';
import { heavyReadConfig, type ReportRouteOptions } from '../reports/routes.js';
import { SurveyParams } from '../surveys/schemas.js';
import { parseReportFilter, ReportFilterQuery } from '../reports/filter.js';
import { exportResponsesCsv } from './service.js';

/** A stream is sent as it is; the schema documents the body as CSV text. */
const CsvStream = Type.Unsafe<Readable>({ type: 'string', description: 'text/csv, one row per response' });

/** RFC 6266 attachment header with an ASCII fallback name and the UTF-8 name. */
export function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const exportRoutes: FastifyPluginAsyncTypebox<ReportRouteOptions> = async (app, options) => {
  app.get(
    '/surveys/:id/export.csv',
    {
      config: heavyReadConfig('exports:read', options.rateLimitPerMinute),
      schema: {
        params: SurveyParams,
        querystring: ReportFilterQuery,
        response: { 200: CsvStream, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const tenant = tenantOf(request);
      // The report's filters, checked before a slot is taken: a bad value is 400 naming it.
      const filter = parseReportFilter(request.query);
      const release = options.slots.acquire(reply, tenant.companyId);
      // The stream's database work ends with the response: sent in full, failed, or the client gone
      // (the export service destroys its cursor or COPY on close), so 'close' covers all three.
      reply.raw.once('close', release);
      let exported: Awaited<ReturnType<typeof exportResponsesCsv>>;
      try {
        exported = await exportResponsesCsv(
          { ...tenant, acquireClient: app.acquireDatabaseClient },
          request.params.id,
          (error) => request.log.error({ err: error }, 'CSV export stopped'),
          ({ rows, completed }) =>
            auditFromRequest(request, 'export', `survey:${request.params.id}`, { filters: { surveyId: request.params.id, ...filter }, rows, completed }).catch(
              (error: unknown) => request.log.error({ err: error }, 'the audit entry of a CSV export could not be written'),
            ),
          filter,
        );
      } catch (error) {
        release();
        throw error;
      }
      const { filename, stream } = exported;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(filename))
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
};
