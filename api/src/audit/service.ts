/**
 * Writing the audit log from a request (who did it, from where, in which company) and reading it
 * back page by page: newest first, keyset-paged on (at, id) so a page never repeats or skips an
 * entry however many are written meanwhile.
 */
import type { FastifyRequest } from 'fastify';
import type { Kysely, Transaction } from 'kysely';
import { tenantOf } from '../accounts/plugin.js';
import type { AuditAction } from '../accounts/schemas.js';
import { membershipsOf } from '../accounts/queries.js';
import type { Principal } from '../accounts/sessions.js';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { findAuditEvents, insertAuditEvents, type AuditActor } from './queries.js';

/** The audit actor of a request's principal: a user by email, a key by name. */
export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.userId, label: principal.email }
    : { kind: 'api_key', id: principal.keyId, label: principal.keyName };
}

/**
 * Appends one entry for what the request's principal did in the request's company, from its address;
 * pass `db` to write it inside the transaction that did the thing.
 * @example await auditFromRequest(request, 'survey_published', `survey:${surveyId}`, { version: 2 });
 */
export async function auditFromRequest(
  request: FastifyRequest,
  action: AuditAction,
  target: string | null,
  details: Record<string, unknown> = {},
  db?: Kysely<Database> | Transaction<Database>,
): Promise<void> {
  const tenant = tenantOf(request);
  if (!request.principal) throw new Error(`${request.method} ${request.url}: no principal to audit; is the route public?`);
  await insertAuditEvents(db ?? tenant.db, [
    { companyId: tenant.companyId, action, actor: actorOf(request.principal), target, details, address: request.ip },
  ]);
}

/**
 * One entry in each company the user belongs to (or in `companies`, when the caller has them), for
 * what a person did with their own account: signing in or out, a failed sign-in, a password change.
 * @example await auditInCompaniesOf(db, { id: userId, email }, 'sign_out', request.ip);
 */
export async function auditInCompaniesOf(
  db: Kysely<Database> | Transaction<Database>,
  user: { id: string; email: string },
  action: AuditAction,
  address: string,
  options: { target?: string; details?: Record<string, unknown>; companies?: readonly { id: string }[] } = {},
): Promise<void> {
  const companies = options.companies ?? (await membershipsOf(db, user.id));
  await insertAuditEvents(
    db,
    companies.map((company) => ({
      companyId: company.id,
      action,
      actor: { kind: 'user' as const, id: user.id, label: user.email },
      address,
      ...(options.target ? { target: options.target } : {}),
      ...(options.details ? { details: options.details } : {}),
    })),
  );
}

export interface AuditPageQuery {
  limit?: number;
  cursor?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

const DEFAULT_PAGE_SIZE = 50;
const CURSOR_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The position after an entry, opaque to clients: base64url of `[at with microseconds, id]`. */
function encodeCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id]), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): { at: string; id: string } {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = undefined;
  }
  if (Array.isArray(decoded) && decoded.length === 2 && typeof decoded[0] === 'string' && typeof decoded[1] === 'string' && CURSOR_AT.test(decoded[0]) && CURSOR_ID.test(decoded[1])) {
    return { at: decoded[0], id: decoded[1] };
  }
  throw new ApiError('VALIDATION_FAILED', '/query/cursor is not a cursor this API gave out; send the nextCursor of the previous page as it was, or none for the first page.', [
    { path: '/query/cursor', message: 'is not a nextCursor of this API' },
  ]);
}

/**
 * One page of the company's audit log, newest first, filtered by action and by time (`from` ≤ at < `to`).
 * @example const { entries, nextCursor } = await auditPage(tenant, { action: 'export', limit: 20 });
 */
export async function auditPage(scope: TenantScope, query: AuditPageQuery) {
  if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to)) {
    throw new ApiError('VALIDATION_FAILED', '/query/to is before /query/from; swap them.', [{ path: '/query/to', message: 'must not be before from' }]);
  }
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const rows = await findAuditEvents(scope, {
    limit: limit + 1,
    after: query.cursor === undefined ? undefined : decodeCursor(query.cursor),
    action: query.action,
    from: query.from,
    to: query.to,
  });
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      action: row.action as AuditAction,
      actor: { kind: row.actor_kind, id: row.actor_id, label: row.actor_label },
      target: row.target,
      details: row.details,
      address: row.address,
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt, last.id) : null,
  };
}
