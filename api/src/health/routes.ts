import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DATABASE_RETRY_AFTER_SECONDS, databaseAnswers } from '../db/database.js';
import { ErrorResponse } from '../errors.js';

const HealthResponse = Type.Object({ status: Type.Literal('ok'), database: Type.String() });

export interface HealthRouteOptions {
  /** How long the database may take to answer `select 1` before the check says unhealthy. */
  timeoutMs: number;
}

export const healthRoutes: FastifyPluginAsyncTypebox<HealthRouteOptions> = async (app, options) => {
  app.get('/health', { config: { access: 'public' }, schema: { response: { 200: HealthResponse, 503: ErrorResponse } } }, async (_request, reply) => {
    if (await databaseAnswers(app.db, options.timeoutMs)) return { status: 'ok' as const, database: app.databaseKind };
    return reply
      .code(503)
      .header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS))
      .send({
        error: {
          code: 'DATABASE_UNAVAILABLE',
          message: `The ${app.databaseKind} database does not answer within ${options.timeoutMs} ms.`,
          fields: [],
        },
      });
  });
};
