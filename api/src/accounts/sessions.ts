/**
 * Server-side sessions: a random token in an HttpOnly cookie, its SHA-256 in the database. A new
 * token at every sign-in (a session id planted before sign-in is worthless after it); 8 hours
 * without use or 7 days in all end it; signing out everywhere deletes every session of the user.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { permissionsOf, type Role } from './permissions.js';
import { deleteSession, findUser, insertSession, membershipsOf } from './queries.js';
import type { SessionResponse } from './schemas.js';
import { newSecret, secretHash } from './tokens.js';

export const SESSION_COOKIE = 'll_session';
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often per session, not on every request. */
export const SESSION_TOUCH_EVERY_MS = 60 * 1000;

/** Who a request acts as: a signed-in user (through a session) or a server (through an API key). */
export type Principal =
  | {
      kind: 'user';
      userId: string;
      email: string;
      name: string | null;
      sessionIdHash: string;
      csrfToken: string;
      expiresAt: Date;
      /** The company this request works in and the user's role there; null when they have none. */
      companyId: string | null;
      role: Role | null;
    }
  | { kind: 'api_key'; keyId: string; keyName: string; companyId: string; scopes: readonly import('./permissions.js').ApiKeyScope[] };

/**
 * Opens a session for the user in `companyId` (or their first company), ending `previousIdHash`
 * when the request came with one.
 * @returns the cookie's token and when the session ends at the latest
 */
export async function startSession(
  db: Kysely<Database>,
  userId: string,
  options: { companyId?: string; previousIdHash?: string } = {},
): Promise<{ token: string; idHash: string; expiresAt: Date; companyId: string | null; csrfToken: string }> {
  const companies = await membershipsOf(db, userId);
  const companyId = companies.find((company) => company.id === options.companyId)?.id ?? companies[0]?.id ?? null;
  const token = newSecret();
  const idHash = secretHash(token);
  const expiresAt = new Date(Date.now() + SESSION_ABSOLUTE_MS);
  const csrfToken = newSecret();
  await db.transaction().execute(async (trx) => {
    if (options.previousIdHash) await deleteSession(trx, options.previousIdHash);
    await insertSession(trx, { idHash, userId, companyId, csrfToken, expiresAt });
  });
  return { token, idHash, expiresAt, companyId, csrfToken };
}

/** Cookie attributes of the session cookie; Secure when the request came over HTTPS (TRUST_PROXY decides for proxies). */
export function sessionCookieOptions(request: FastifyRequest, expiresAt?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
    ...(expiresAt ? { expires: expiresAt } : {}),
  };
}

/**
 * Signs the user in on this request: a new session (in `companyId`, else their first company) that
 * ends the one the request's cookie held, its cookie set on the reply; answers the session's API shape.
 * @example return openSession(app.db, request, reply, userId);
 */
export async function openSession(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  userId: string,
  companyId?: string,
): Promise<SessionResponse> {
  const previous = request.cookies[SESSION_COOKIE];
  const started = await startSession(db, userId, {
    ...(companyId ? { companyId } : {}),
    ...(previous ? { previousIdHash: secretHash(previous) } : {}),
  });
  reply.setCookie(SESSION_COOKIE, started.token, sessionCookieOptions(request, started.expiresAt));
  const user = await findUser(db, userId);
  if (!user) throw new Error(`user ${userId} vanished while signing in`);
  return sessionResponse(db, { ...started, userId, email: user.email, name: user.name });
}

/** Whether a session last used at `lastSeenAt` and ending at `expiresAt` is still open at `now`. */
export function sessionIsOpen(session: { lastSeenAt: Date; expiresAt: Date }, now = Date.now()): boolean {
  return now < session.expiresAt.getTime() && now - session.lastSeenAt.getTime() < SESSION_IDLE_MS;
}

/**
 * The API shape of a user's session: their companies, the current one, what they may do there.
 * @example reply.send(await sessionResponse(app.db, { userId, … }))
 */
export async function sessionResponse(
  db: Kysely<Database>,
  session: { userId: string; email: string; name: string | null; companyId: string | null; csrfToken: string; expiresAt: Date },
): Promise<SessionResponse> {
  const companies = await membershipsOf(db, session.userId);
  const company = companies.find((candidate) => candidate.id === session.companyId) ?? null;
  return {
    user: { id: session.userId, email: session.email, name: session.name },
    companies,
    company,
    permissions: company ? [...permissionsOf({ role: company.role })] : [],
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt.toISOString(),
  };
}
