/**
 * POST /api/erasures: an admin erases a customer by reference (GDPR right to erasure).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErasureBody, ErasureResponse } from '../accounts/schemas.js';
import { ErrorResponse } from '../errors.js';
import { eraseCustomer } from './service.js';

export const erasureRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/erasures',
    {
      config: { access: { anyOf: ['customers:erase'] } },
      schema: { body: ErasureBody, response: { 200: ErasureResponse, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse } },
    },
    async (request) => eraseCustomer(request, request.body.customerRef),
  );
};
