/**
 * The rules one invite's fields follow, the same for a CSV row (invites/csvImport.ts) and for the
 * JSON body of POST /api/surveys/:id/invites: every problem of the row at once, by column.
 */
import { LANGUAGES, type Language } from '../model/definition.js';
import { parseInstant } from '../model/instant.js';
import { cellReader, DAY_MS, purchaseTime } from '../model/rowFields.js';

export const INVITE_COLUMNS = ['customer_ref', 'order_ref', 'purchased_at', 'email', 'language', 'expires_at', 'channel'] as const;
export type InviteColumn = (typeof INVITE_COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly InviteColumn[] = ['customer_ref', 'order_ref', 'purchased_at'];

/** A row as written: text per column, absent or '' for an empty optional cell. */
export type InviteFieldsInput = Partial<Record<InviteColumn, string>>;

/** An invite's fields, checked, ready to store. */
export interface InviteFields {
  customerRef: string;
  orderRef: string;
  purchasedAt: Date;
  email: string | null;
  language: Language | null;
  expiresAt: Date | null;
  channel: string | null;
}

export interface InviteFieldProblem {
  column: InviteColumn;
  message: string;
  code: string;
}

/** Plausible, not proven: one @, something before it, a dot in the domain, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const TEXT_LIMITS: Partial<Record<InviteColumn, number>> = { customer_ref: 200, order_ref: 200, channel: 100 };

/**
 * @example checkInviteFields({ customer_ref: 'C-1', order_ref: 'A-1', purchased_at: '2026-03-01' }, Date.now())
 *   // → { fields: { customerRef: 'C-1', …, purchasedAt: Date 2026-03-01 }, problems: [] }
 */
export function checkInviteFields(input: InviteFieldsInput, now: number): { fields: InviteFields | undefined; problems: InviteFieldProblem[] } {
  const problems: InviteFieldProblem[] = [];
  const refuse = (column: InviteColumn, message: string, code: string) => problems.push({ column, message, code });
  const cell = cellReader(input, REQUIRED_COLUMNS, TEXT_LIMITS, refuse);

  const customerRef = cell('customer_ref');
  const orderRef = cell('order_ref');
  const channel = cell('channel') ?? null;

  const purchasedAt = purchaseTime(cell('purchased_at'), now, refuse);

  let expiresAt: Date | null = null;
  const expiresText = cell('expires_at');
  if (expiresText !== undefined) {
    const instant = parseInstant(expiresText, { dateOnly: 'allowed' });
    // A date alone means the whole of that day (UTC): the link works until its end.
    const ms = instant ? instant.ms + (instant.dateOnly ? DAY_MS : 0) : undefined;
    if (ms === undefined) refuse('expires_at', 'must be a real date such as 2026-12-31 or 2026-12-31T23:59:59Z', 'NOT_A_DATE');
    else if (ms <= now) refuse('expires_at', 'is in the past; the link would never open', 'IN_THE_PAST');
    else expiresAt = new Date(ms);
  }

  let email: string | null = null;
  const emailText = cell('email');
  if (emailText !== undefined) {
    if (emailText.length < 3 || emailText.length > 254 || !EMAIL.test(emailText)) refuse('email', 'is not an email address such as name@example.com', 'NOT_AN_EMAIL');
    else email = emailText;
  }

  let language: Language | null = null;
  const languageText = cell('language')?.toLowerCase();
  if (languageText !== undefined) {
    if ((LANGUAGES as readonly string[]).includes(languageText)) language = languageText as Language;
    else refuse('language', `must be one of ${LANGUAGES.join(', ')}`, 'UNKNOWN_LANGUAGE');
  }

  if (problems.length > 0 || customerRef === undefined || orderRef === undefined || purchasedAt === undefined) return { fields: undefined, problems };
  return { fields: { customerRef, orderRef, purchasedAt, email, language, expiresAt, channel }, problems };
}
