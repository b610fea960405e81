/**
 * Per-purchase invites: made one at a time at order time or imported from a CSV file, each with
 * one unguessable token for the respondent's link `/s/i/<token>`, and exported for the company's
 * mailer. A respondent's link is checked here too (unknown, used, expired, survey closed).
 */
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { csvHeader, defuseFormula } from '../exports/csv.js';
import type { PublishedSurvey } from '../surveys/service.js';
import { getSurveyHead } from '../surveys/service.js';
import { findSurveySlug } from '../surveys/builderQueries.js';
import { getOpenSurvey } from '../surveys/respondentSurvey.js';
import { parseInviteCsv } from './csvImport.js';
import { checkInviteFields, type InviteColumn, type InviteFieldsInput } from './fields.js';
import {
  findInvite,
  findInviteByOrderRef,
  findInviteByToken,
  findInvitePage,
  insertInviteOnce,
  insertInvitesOnce,
  inviteBatches,
  type InviteRow,
} from './queries.js';
import type { CreateInviteBody, Invite } from './schemas.js';

type Audit = (trx: Transaction<Database>, details: Record<string, unknown>) => Promise<void>;

/** 18 random bytes (144 bits) as 24 base64url characters: not guessable, short enough for a QR code. */
export function newInviteToken(): string {
  return randomBytes(18).toString('base64url');
}

/** The respondent's link of an invite. @example inviteUrl('https://lens.example.com', 'q8…') // 'https://lens.example.com/s/i/q8…' */
export const inviteUrl = (origin: string, token: string) => `${origin}/s/i/${token}`;

/** A survey's anonymous link: by its slug when it has one, else by its id. */
export const surveyUrl = (origin: string, slugOrId: string) => `${origin}/s/${slugOrId}`;

export function inviteJson(row: InviteRow, origin: string): Invite {
  return {
    id: row.id,
    customerRef: row.customer_ref,
    orderRef: row.order_ref,
    purchasedAt: row.purchased_at?.toISOString() ?? null,
    email: row.email,
    language: row.language,
    expiresAt: row.expires_at?.toISOString() ?? null,
    channel: row.channel,
    createdAt: row.created_at.toISOString(),
    answeredAt: row.used_at?.toISOString() ?? null,
    url: inviteUrl(origin, row.token),
  };
}

const BODY_FIELDS: Record<InviteColumn, keyof CreateInviteBody> = {
  customer_ref: 'customerRef',
  order_ref: 'orderRef',
  purchased_at: 'purchasedAt',
  email: 'email',
  language: 'language',
  expires_at: 'expiresAt',
  channel: 'channel',
};

/**
 * Makes the invite for an order, or finds the one the order already has (nothing changes then).
 * @example const { invite, created } = await createInvite(tenant, surveyId, { customerRef: 'C-1', orderRef: 'A-1', purchasedAt: '2026-03-01' }, audit);
 * @throws ApiError SURVEY_NOT_FOUND; VALIDATION_FAILED naming each bad field
 */
export async function createInvite(scope: TenantScope, surveyId: string, body: CreateInviteBody, audit: Audit): Promise<{ invite: InviteRow; created: boolean }> {
  await getSurveyHead(scope, surveyId);
  const input = Object.fromEntries(Object.entries(BODY_FIELDS).map(([column, field]) => [column, body[field]])) as InviteFieldsInput;
  const { fields, problems } = checkInviteFields(input, Date.now());
  if (!fields) {
    const fieldProblems = problems.map((problem) => ({ path: `/${BODY_FIELDS[problem.column]}`, message: problem.message, code: problem.code }));
    throw new ApiError('VALIDATION_FAILED', `${fieldProblems[0]!.path} ${fieldProblems[0]!.message}.`, fieldProblems);
  }
  const existing = await findInviteByOrderRef(scope, surveyId, fields.orderRef);
  if (existing) return { invite: existing, created: false };
  return scope.db.transaction().execute(async (trx) => {
    const inserted = await insertInviteOnce(trx, scope.companyId, surveyId, { ...fields, token: newInviteToken() });
    if (!inserted) {
      // Another request made it between the lookup and the insert: theirs is the order's invite.
      return { invite: (await findInviteByOrderRef({ db: trx, companyId: scope.companyId }, surveyId, fields.orderRef))!, created: false };
    }
    await audit(trx, { orderRef: fields.orderRef, customerRef: fields.customerRef });
    return { invite: inserted, created: true };
  });
}

/**
 * Imports a CSV file of purchases (docs/INVITES.md): the whole file is checked first, then applied in
 * one transaction; rows whose order_ref already has an invite stay as they are.
 * @example const { created, unchanged, total } = await importInvites(tenant, surveyId, csvBytes, audit);
 * @throws ApiError SURVEY_NOT_FOUND; INVALID_IMPORT listing every bad line (nothing stored)
 */
export async function importInvites(scope: TenantScope, surveyId: string, body: Buffer, audit: Audit) {
  await getSurveyHead(scope, surveyId);
  const rows = parseInviteCsv(body, Date.now());
  return scope.db.transaction().execute(async (trx) => {
    const created = await insertInvitesOnce(trx, scope.companyId, surveyId, rows.map((row) => ({ ...row, token: newInviteToken() })));
    const result = { created, unchanged: rows.length - created, total: rows.length };
    await audit(trx, result);
    return result;
  });
}

/** A page of the survey's invites. */
export async function listInvites(scope: TenantScope, surveyId: string, page: { offset: number; limit: number }, origin: string) {
  await getSurveyHead(scope, surveyId);
  const { rows, total } = await findInvitePage(scope, surveyId, page);
  return { invites: rows.map((row) => inviteJson(row, origin)), total };
}

const EXPORT_COLUMNS = ['customer_ref', 'order_ref', 'email', 'language', 'expires_at', 'url', 'answered_at'];

/**
 * The survey's invite links as CSV for a mailer: UTF-8 with a byte order mark, cells a spreadsheet
 * would run as a formula defused (exports/csv.ts).
 * @example const { filename, stream } = await exportInvitesCsv(tenant, surveyId, origin);
 */
export async function exportInvitesCsv(scope: TenantScope, surveyId: string, origin: string): Promise<{ filename: string; stream: Readable }> {
  await getSurveyHead(scope, surveyId);
  const slug = await findSurveySlug(scope, surveyId);
  async function* lines(): AsyncGenerator<string> {
    yield csvHeader(EXPORT_COLUMNS);
    for await (const rows of inviteBatches(scope, surveyId)) {
      yield stringify(
        rows.map((row) => [row.customer_ref, row.order_ref, row.email, row.language, row.expires_at?.toISOString(), inviteUrl(origin, row.token), row.used_at?.toISOString()]),
        { cast: { string: defuseFormula } },
      );
    }
  }
  return { filename: `invites-${slug ?? surveyId}.csv`, stream: Readable.from(lines()) };
}

/** The anonymous link of a company's survey (for its QR code). */
export async function surveyLinkUrl(scope: TenantScope, surveyId: string, origin: string): Promise<string> {
  await getSurveyHead(scope, surveyId);
  return surveyUrl(origin, (await findSurveySlug(scope, surveyId)) ?? surveyId);
}

/** One invite's link (for its QR code). @throws ApiError INVITE_NOT_FOUND */
export async function inviteLinkUrl(scope: TenantScope, surveyId: string, inviteId: string, origin: string): Promise<string> {
  await getSurveyHead(scope, surveyId);
  const invite = await findInvite(scope, surveyId, inviteId);
  if (!invite) throw new ApiError('INVITE_NOT_FOUND', `The survey has no invite with the id ${inviteId}.`);
  return inviteUrl(origin, invite.token);
}

/**
 * The invite a respondent's link names, in whatever company.
 * @throws ApiError INVITE_NOT_FOUND (404)
 */
export async function inviteOfToken(db: Kysely<Database>, token: string): Promise<InviteRow> {
  const invite = await findInviteByToken(db, token);
  if (!invite) throw new ApiError('INVITE_NOT_FOUND', 'This survey link is not known. Check that it was copied whole from the email or the receipt.');
  return invite;
}

/** The answer to a link whose invite already has its response. */
export const inviteUsedError = () => new ApiError('INVITE_USED', 'This invitation has already been answered. Thank you!');

/**
 * The survey version an invite opens, while the survey and the invite take answers.
 * @throws ApiError SURVEY_CLOSED / INVITE_EXPIRED (410), SURVEY_NOT_PUBLISHED (404)
 */
export async function surveyOfInvite(db: Kysely<Database>, invite: InviteRow): Promise<PublishedSurvey> {
  const survey = await getOpenSurvey(db, invite.survey_id);
  if (invite.expires_at && invite.expires_at.getTime() <= Date.now()) {
    throw new ApiError('INVITE_EXPIRED', 'This survey link has expired and takes no more answers. Thank you for your interest.');
  }
  return survey;
}
