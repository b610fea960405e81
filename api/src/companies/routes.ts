/**
 * The request's company: anyone who works in it (any role, any API key) reads its name; an admin
 * renames it (audited with the old and the new name).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantOf } from '../accounts/plugin.js';
import { PERMISSIONS } from '../accounts/permissions.js';
import { CompanyResponse, UpdateCompanyBody } from '../accounts/schemas.js';
import { auditFromRequest } from '../audit/service.js';
import { ApiError, ErrorResponse } from '../errors.js';
import { findCompany, renameCompany } from './queries.js';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse };

function companyResponse(row: { id: string; name: string; createdAt: Date }) {
  return { id: row.id, name: row.name, createdAt: row.createdAt.toISOString() };
}

export const companyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Every permission: whoever may do anything in the company may see which company it is.
  app.get('/company', { config: { access: { anyOf: PERMISSIONS } }, schema: { response: { 200: CompanyResponse, ...errors } } }, async (request) => {
    const company = await findCompany(tenantOf(request));
    if (!company) throw new Error(`company ${tenantOf(request).companyId} of a signed-in request does not exist`);
    return companyResponse(company);
  });

  app.patch(
    '/company',
    { config: { access: { anyOf: ['company:manage'] } }, schema: { body: UpdateCompanyBody, response: { 200: CompanyResponse, ...errors } } },
    async (request) => {
      const tenant = tenantOf(request);
      const name = request.body.name.trim();
      if (name === '') throw new ApiError('VALIDATION_FAILED', '/name is blank; give the company a name.', [{ path: '/name', message: 'must not be blank' }]);
      const renamed = await tenant.db.transaction().execute(async (trx) => {
        const result = await renameCompany(trx, tenant.companyId, name);
        if (!result) throw new Error(`company ${tenant.companyId} of a signed-in request does not exist`);
        await auditFromRequest(request, 'company_updated', `company:${tenant.companyId}`, { from: result.from, to: result.company.name }, trx);
        return result.company;
      });
      return companyResponse(renamed);
    },
  );
};
