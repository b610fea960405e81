/**
 * The rules one purchase follows, the same for a CSV row (purchases/csv.ts) and for an item of a JSON
 * batch (POST /api/purchases): every problem of the row at once, by column (docs/PURCHASES.md).
 */
import { cellReader, purchaseTime } from '../model/rowFields.js';

export const PURCHASE_COLUMNS = ['customer_ref', 'order_ref', 'purchased_at', 'amount', 'currency', 'channel'] as const;
export type PurchaseColumn = (typeof PURCHASE_COLUMNS)[number];
export const REQUIRED_PURCHASE_COLUMNS: readonly PurchaseColumn[] = ['customer_ref', 'order_ref', 'purchased_at', 'amount'];

/** A row as written: text per column, absent or '' for an empty optional cell. */
export type PurchaseFieldsInput = Partial<Record<PurchaseColumn, string>>;

/** A purchase, checked, ready to store. */
export interface PurchaseFields {
  customerRef: string;
  orderRef: string;
  purchasedAt: Date;
  amountCents: number;
  currency: string | null;
  channel: string | null;
}

export interface PurchaseFieldProblem {
  column: PurchaseColumn;
  message: string;
  code: string;
}

/** A non-negative amount with a dot and at most two decimals: 12, 12.5, 12.50. */
const AMOUNT = /^\d{1,10}(?:\.\d{1,2})?$/;
/** Ten thousand million in the currency's units: more is a typo (a pasted card number), not a purchase. */
const MAX_AMOUNT_CENTS = 1_000_000_000_000;
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const TEXT_LIMITS: Partial<Record<PurchaseColumn, number>> = { customer_ref: 200, order_ref: 200, channel: 100 };

/**
 * @example checkPurchaseFields({ customer_ref: 'C-1', order_ref: 'A-1', purchased_at: '2026-03-01', amount: '12.50' }, Date.now())
 *   // → { fields: { customerRef: 'C-1', orderRef: 'A-1', purchasedAt: Date 2026-03-01, amountCents: 1250, currency: null, channel: null }, problems: [] }
 */
export function checkPurchaseFields(input: PurchaseFieldsInput, now: number): { fields: PurchaseFields | undefined; problems: PurchaseFieldProblem[] } {
  const problems: PurchaseFieldProblem[] = [];
  const refuse = (column: PurchaseColumn, message: string, code: string) => problems.push({ column, message, code });
  const cell = cellReader(input, REQUIRED_PURCHASE_COLUMNS, TEXT_LIMITS, refuse);

  const customerRef = cell('customer_ref');
  const orderRef = cell('order_ref');
  const channel = cell('channel') ?? null;

  const purchasedAt = purchaseTime(cell('purchased_at'), now, refuse);

  let amountCents: number | undefined;
  const amountText = cell('amount');
  if (amountText !== undefined) {
    if (!AMOUNT.test(amountText)) {
      refuse('amount', 'must be a number of at least 0 with a dot and at most two decimals, such as 12.50', 'NOT_AN_AMOUNT');
    } else {
      const [units, decimals = ''] = amountText.split('.');
      const cents = Number(units) * 100 + Number(decimals.padEnd(2, '0'));
      if (cents > MAX_AMOUNT_CENTS) refuse('amount', 'is larger than 10000000000; check the column', 'TOO_LARGE');
      else amountCents = cents;
    }
  }

  let currency: string | null = null;
  const currencyText = cell('currency')?.toUpperCase();
  if (currencyText !== undefined) {
    if (CURRENCIES.has(currencyText)) currency = currencyText;
    else refuse('currency', 'must be an ISO 4217 currency code such as EUR, USD or GEL', 'UNKNOWN_CURRENCY');
  }

  if (problems.length > 0 || customerRef === undefined || orderRef === undefined || purchasedAt === undefined || amountCents === undefined) {
    return { fields: undefined, problems };
  }
  return { fields: { customerRef, orderRef, purchasedAt, amountCents, currency, channel }, problems };
}
