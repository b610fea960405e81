import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Readable } from 'node:stream';
import { Type } from 'typebox';
import { ErrorResponse } from '../errors.js';
import { SurveyParams } from '../surveys/schemas.js';
import { exportResponsesCsv } from './service.js';

/** A stream is sent as it is; the schema documents the body as CSV text. */
const CsvStream = Type.Unsafe<Readable>({ type: 'string', description: 'text/csv, one row per response' });

/** RFC 6266 attachment header with an ASCII fallback name and the UTF-8 name. */
function attachment(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/surveys/:id/export.csv',
    { schema: { params: SurveyParams, response: { 200: CsvStream, 404: ErrorResponse } } },
    async (request, reply) => {
      const { filename, stream } = await exportResponsesCsv(
        { db: app.db, acquireClient: app.acquireDatabaseClient },
        request.params.id,
        (error) => request.log.error({ err: error }, 'CSV export stopped'),
      );
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(filename))
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
};
