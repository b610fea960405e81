/**
 * Who may call what. Every /api route declares `config.access` (a route without one is refused at
 * start-up, so no route is public by forgetting); each request's session cookie or API key is
 * resolved once, here, into `request.principal` and the tenant scope `request.tenant` that every
 * company query takes.
 *
 * - `public`: anyone; no credentials are read.
 * - `signedIn`: a session (not an API key); the company may be none.
 * - `{ anyOf }`: a session whose role, or a key whose scopes, give one of the permissions in the
 *   request's company: the key's own, else `X-Company-Id`, else the session's current company.
 *
 * A state-changing request authenticated by the cookie must carry the session's `X-CSRF-Token`
 * (the synchronizer-token pattern; SameSite=Lax alone leaves same-site subdomains and old browsers).
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { parseApiKey } from './apiKeyFormat.js';
import { permissionsOf, type Permission, type RouteAccess } from './permissions.js';
import { findActiveApiKey, touchApiKey } from './apiKeyQueries.js';
import { deleteSession, findSession, touchSession } from './queries.js';
import { SESSION_COOKIE, SESSION_TOUCH_EVERY_MS, sessionCookieOptions, sessionIsOpen, type Principal } from './sessions.js';
import { sameSecret, secretHash } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route (accounts/permissions.ts); every /api route must say. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The signed-in user or the API key; null on public routes. */
    principal: Principal | null;
    /** The company this request acts for; null on public and company-less routes. */
    tenant: TenantScope | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The tenant scope of a route that declared a permission (always set there). */
export function tenantOf(request: FastifyRequest): TenantScope {
  if (!request.tenant) throw new Error(`${request.method} ${request.url}: no tenant scope; does the route declare a permission in config.access?`);
  return request.tenant;
}

/** The signed-in user of a `signedIn` route (always a user there). */
export function userOf(request: FastifyRequest): Extract<Principal, { kind: 'user' }> {
  const principal = request.principal;
  if (principal?.kind !== 'user') throw new Error(`${request.method} ${request.url}: no signed-in user; does the route declare access signedIn?`);
  return principal;
}

function requestedCompany(request: FastifyRequest): string | null {
  const header = request.headers['x-company-id'];
  if (header === undefined) return null;
  if (typeof header !== 'string' || !UUID.test(header)) {
    throw new ApiError('VALIDATION_FAILED', 'X-Company-Id must be one company id (a UUID).', [{ path: '/headers/x-company-id', message: 'must be a UUID' }]);
  }
  return header.toLowerCase();
}

async function principalFromApiKey(app: FastifyInstance, authorization: string): Promise<Principal> {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const parts = match ? parseApiKey(match[1]!) : null;
  if (!parts) throw new ApiError('INVALID_API_KEY', 'Send the API key as "Authorization: Bearer llk_…", exactly as it was shown when it was created.');
  const key = await findActiveApiKey(app.db, parts.companyId, parts.keyId);
  if (!key || !sameSecret(secretHash(parts.secret), key.secretHash)) {
    throw new ApiError('INVALID_API_KEY', 'This API key is unknown or was revoked; ask an admin of the company for a new one.');
  }
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() > SESSION_TOUCH_EVERY_MS) await touchApiKey(app.db, key.companyId, key.id, now);
  return { kind: 'api_key', keyId: key.id, keyName: key.name, companyId: key.companyId, scopes: key.scopes };
}

async function principalFromSession(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, token: string): Promise<Principal> {
  const idHash = secretHash(token);
  const session = await findSession(app.db, idHash, requestedCompany(request));
  const now = Date.now();
  if (!session || !sessionIsOpen(session, now)) {
    if (session) await deleteSession(app.db, idHash);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
    throw new ApiError('SESSION_EXPIRED', 'Your session has ended; sign in again to go on.');
  }
  if (now - session.lastSeenAt.getTime() > SESSION_TOUCH_EVERY_MS) await touchSession(app.db, idHash, new Date(now));
  return {
    kind: 'user',
    userId: session.userId,
    email: session.email,
    name: session.name,
    sessionIdHash: idHash,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    companyId: session.companyId,
    role: session.role,
  };
}

function checkCsrf(request: FastifyRequest, principal: Principal): void {
  if (principal.kind !== 'user' || SAFE_METHODS.has(request.method)) return;
  const sent = request.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !sameSecret(sent, principal.csrfToken)) {
    throw new ApiError('CSRF_REJECTED', 'This request lacks the X-CSRF-Token of your session; reload the page and try again.');
  }
}

function grantedPermissions(principal: Principal): ReadonlySet<Permission> {
  if (principal.kind === 'api_key') return permissionsOf({ scopes: principal.scopes });
  return principal.role ? permissionsOf({ role: principal.role }) : new Set();
}

/** One /api route as registered, with who may call it (the route × role test walks this table). */
export interface RouteEntry {
  method: string;
  url: string;
  access: RouteAccess;
}

/**
 * Adds the access check to every route registered on `api` after this call, and lists each route in
 * `routeTable`.
 * @example registerAccess(api, table); await api.register(surveyRoutes);
 */
export async function registerAccess(api: FastifyInstance, routeTable: RouteEntry[]): Promise<void> {
  await api.register(cookie);
  api.decorateRequest('principal', null);
  api.decorateRequest('tenant', null);
  api.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (!access) {
      throw new Error(`${String(route.method)} ${route.url} declares no config.access: say who may call it (accounts/permissions.ts)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url: route.url, access });
    }
  });
  api.addHook('onRequest', async (request, reply) => {
    const access = request.routeOptions.config.access;
    if (!access || access === 'public') return;
    const authorization = request.headers.authorization;
    const token = request.cookies[SESSION_COOKIE];
    let principal: Principal;
    if (authorization !== undefined) principal = await principalFromApiKey(api, authorization);
    else if (token) principal = await principalFromSession(api, request, reply, token);
    else throw new ApiError('UNAUTHENTICATED', 'Sign in, or send an API key as "Authorization: Bearer llk_…".');
    checkCsrf(request, principal);
    request.principal = principal;
    if (access === 'signedIn') {
      if (principal.kind !== 'user') throw new ApiError('FORBIDDEN', 'This route is for people signed in, not for API keys.');
      return;
    }
    if (principal.kind === 'user' && principal.companyId === null) {
      throw new ApiError('NO_COMPANY', 'You are not a member of this company (or of any yet); pick one of your companies or ask an admin to invite you.');
    }
    const granted = grantedPermissions(principal);
    if (!access.anyOf.some((permission) => granted.has(permission))) {
      const by = principal.kind === 'user' ? `Your role (${principal.role})` : 'This API key';
      throw new ApiError('FORBIDDEN', `${by} does not allow this: it needs ${access.anyOf.join(' or ')}.`);
    }
    request.tenant = { db: api.db, companyId: principal.companyId! };
  });
}
