/**
 * What follows a change of a company's purchase history (issue 17): the one call the purchase import
 * makes inside its transaction, after its rows are in and its record is applied (finished_at set), before it commits, so everything derived
 * from purchases changes with them or not at all. The stored scores (B's repeat-purchase item and
 * 180-day retention, for the customers of the import and for responses whose retention window the
 * import closes) and the stored report states are brought up to date from here.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { reportStatesPurchasesChanged } from '../reports/stateInvalidation.js';
import { rescoreAfterPurchaseImport } from '../responses/scores.js';

/** A reaction to a purchase import; `importId` names the purchase_import whose rows were written. */
export type PurchasesChangedHook = (db: Kysely<Database> | Transaction<Database>, companyId: string, importId: string) => Promise<void>;

/** The reactions, in order. */
const HOOKS: readonly PurchasesChangedHook[] = [rescoreAfterPurchaseImport, reportStatesPurchasesChanged];

/**
 * Run every reaction to a purchase import, in the import's transaction.
 * @example await purchasesChanged(trx, companyId, importId);
 */
export async function purchasesChanged(db: Kysely<Database> | Transaction<Database>, companyId: string, importId: string): Promise<void> {
  for (const hook of HOOKS) await hook(db, companyId, importId);
}
