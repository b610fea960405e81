/**
 * The users of a company, for its admins: GET/POST /api/users, PATCH/DELETE /api/users/:userId,
 * POST /api/users/:userId/password-reset. Invitation and reset links are answered once, never stored.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse } from '../errors.js';
import { linkUrl } from './links.js';
import { tenantOf, userOf } from './plugin.js';
import { ChangeRoleBody, InviteMemberBody, Member, MemberListResponse, MemberParams, OneTimeLink } from './schemas.js';
import { changeRole, inviteMember, memberList, passwordResetLink, removeMember, type Acting } from './users.js';

export interface UserRouteOptions {
  /** The address people reach the app at (PUBLIC_URL); else the request's own origin. */
  publicUrl: string | undefined;
}

const access = { access: { anyOf: ['users:manage' as const] } };
const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse, 409: ErrorResponse };

/** The request's origin as the client sent it (Host, or X-Forwarded-Host behind a trusted proxy). */
export function requestOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function acting(request: FastifyRequest): Acting {
  const user = userOf(request);
  return { actor: { kind: 'user', id: user.userId, label: user.email }, address: request.ip };
}

export const userRoutes: FastifyPluginAsyncTypebox<UserRouteOptions> = async (app, options) => {
  const shown = (request: FastifyRequest, link: { token: string; expiresAt: Date }) => ({
    url: linkUrl(options.publicUrl ?? requestOrigin(request), link.token),
    expiresAt: link.expiresAt.toISOString(),
  });

  app.get('/users', { config: access, schema: { response: { 200: MemberListResponse, ...errors } } }, async (request) => memberList(tenantOf(request)));

  app.post(
    '/users',
    { config: access, schema: { body: InviteMemberBody, response: { 201: OneTimeLink, ...errors } } },
    async (request, reply) => {
      const link = await inviteMember(tenantOf(request), request.body, acting(request));
      return reply.code(201).send(shown(request, link));
    },
  );

  app.patch(
    '/users/:userId',
    { config: access, schema: { params: MemberParams, body: ChangeRoleBody, response: { 200: Member, ...errors } } },
    async (request) => changeRole(tenantOf(request), request.params.userId, request.body.role, acting(request)),
  );

  app.delete(
    '/users/:userId',
    { config: access, schema: { params: MemberParams, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      await removeMember(tenantOf(request), request.params.userId, acting(request));
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/users/:userId/password-reset',
    { config: access, schema: { params: MemberParams, response: { 201: OneTimeLink, ...errors } } },
    async (request, reply) => {
      const link = await passwordResetLink(tenantOf(request), request.params.userId, acting(request));
      return reply.code(201).send(shown(request, link));
    },
  );
};
