/**
 * Erasing one customer of a company: every response, invite and purchase with the customer reference.
 * Run inside one transaction (service.ts), responses first: they reference invites.
 */
import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * Deletes the customer's rows of the company; a response given through one of the customer's invites
 * goes too, whatever customer_ref it carries itself.
 * @example const erased = await deleteCustomerRows(trx, companyId, 'CARD-0042');
 */
export async function deleteCustomerRows(trx: Transaction<Database>, companyId: string, customerRef: string) {
  const customerInvites = trx.selectFrom('invite').select('id').where('company_id', '=', companyId).where('customer_ref', '=', customerRef);
  const responses = await trx
    .deleteFrom('response')
    .where('company_id', '=', companyId)
    .where((eb) => eb.or([eb('customer_ref', '=', customerRef), eb('invite_id', 'in', customerInvites)]))
    .executeTakeFirst();
  const invites = await trx.deleteFrom('invite').where('company_id', '=', companyId).where('customer_ref', '=', customerRef).executeTakeFirst();
  const purchases = await trx.deleteFrom('purchase').where('company_id', '=', companyId).where('customer_ref', '=', customerRef).executeTakeFirst();
  return {
    responses: Number(responses.numDeletedRows),
    invites: Number(invites.numDeletedRows),
    purchases: Number(purchases.numDeletedRows),
  };
}
