import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { databaseAnswers } from '../db/database.js';
import { ErrorResponse } from '../errors.js';

const HealthResponse = Type.Object({ status: Type.Literal('ok'), database: Type.String() });

export const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/health', { schema: { response: { 200: HealthResponse, 503: ErrorResponse } } }, async (_request, reply) => {
    if (await databaseAnswers(app.db)) return { status: 'ok' as const, database: app.databaseKind };
    return reply.code(503).send({
      error: { code: 'DATABASE_UNAVAILABLE', message: `The ${app.databaseKind} database does not answer.`, fields: [] },
    });
  });
};
