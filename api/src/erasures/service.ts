/**
 * Erasure (GDPR article 17): a customer's responses, invites and purchases deleted in one
 * transaction with its audit entry, which keeps the counts and a digest of the reference, never the
 * reference itself (docs/SECURITY.md "Erasure").
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { tenantOf } from '../accounts/plugin.js';
import { auditFromRequest } from '../audit/service.js';
import { invalidateCustomerDays } from '../reports/stateInvalidation.js';
import { deleteCustomerRows } from './queries.js';

/**
 * SHA-256 of the company id and the reference: the same reference of the same company gives the same
 * digest, so a later request can be checked against the log; the digest alone does not give the
 * reference back (though a guessed reference can be confirmed, docs/SECURITY.md).
 * @example customerRefDigest(companyId, 'CARD-0042') // '3f1c…' (64 hex digits)
 */
export function customerRefDigest(companyId: string, customerRef: string): string {
  return createHash('sha256').update(`${companyId}\n${customerRef}`, 'utf8').digest('hex');
}

/** @example const { erased } = await eraseCustomer(request, 'CARD-0042'); */
export async function eraseCustomer(request: FastifyRequest, customerRef: string) {
  const tenant = tenantOf(request);
  const erased = await tenant.db.transaction().execute(async (trx) => {
    // The stored report states of the days the responses leave (reports/state.ts) are refolded.
    await invalidateCustomerDays(trx, tenant.companyId, customerRef);
    const counts = await deleteCustomerRows(trx, tenant.companyId, customerRef);
    await auditFromRequest(request, 'erasure', null, { customerRefSha256: customerRefDigest(tenant.companyId, customerRef), ...counts }, trx);
    return counts;
  });
  return { erased };
}
