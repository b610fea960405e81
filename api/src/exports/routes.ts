import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { ErrorResponse } from '../errors.js';
import { heavyReadRateLimit, type ReportRouteOptions } from '../reports/routes.js';
import { getSurveyHead } from '../surveys/service.js';
import { SurveyParams } from '../surveys/schemas.js';
import { exportResponsesCsv } from './service.js';

/** A stream is sent as it is; the schema documents the body as CSV text. */
const CsvStream = Type.Unsafe<Readable>({ type: 'string', description: 'text/csv, one row per response' });

/** RFC 6266 attachment header with an ASCII fallback name and the UTF-8 name. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const exportRoutes: FastifyPluginAsyncTypebox<ReportRouteOptions> = async (app, options) => {
  app.get(
    '/surveys/:id/export.csv',
    {
      ...heavyReadRateLimit(options.rateLimitPerMinute),
      schema: { params: SurveyParams, response: { 200: CsvStream, 404: ErrorResponse, 429: ErrorResponse } },
    },
    async (request, reply) => {
      const { companyId } = await getSurveyHead(app.db, request.params.id);
      const release = options.slots.acquire(reply, companyId);
      // The stream's database work ends with the response: sent in full, failed, or the client gone
      // (the export service destroys its cursor or COPY on close), so 'close' covers all three.
      reply.raw.once('close', release);
      let exported: Awaited<ReturnType<typeof exportResponsesCsv>>;
      try {
        exported = await exportResponsesCsv(
          { db: app.db, acquireClient: app.acquireDatabaseClient },
          request.params.id,
          (error) => request.log.error({ err: error }, 'CSV export stopped'),
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
