/**
 * Sessions: sign in, who am I, switch company, sign out here or everywhere.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditInCompaniesOf } from '../audit/service.js';
import type { Config } from '../config.js';
import { ApiError, ErrorResponse } from '../errors.js';
import { userOf } from './plugin.js';
import { checkPasswordRules, hashPassword, verifyPassword } from './password.js';
import { deleteOtherSessions, deleteSession, deleteUserSessions, findUser, membershipsOf, setPasswordHash, setSessionCompany } from './queries.js';
import { ChangePasswordBody, SessionResponse, SignInBody, SwitchCompanyBody } from './schemas.js';
import { SESSION_COOKIE, openSession, sessionCookieOptions, sessionResponse } from './sessions.js';
import { signInChecker } from './signIn.js';

export interface SessionRouteOptions {
  signInLimit: Config['signInLimit'];
}

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 429: ErrorResponse };

export const sessionRoutes: FastifyPluginAsyncTypebox<SessionRouteOptions> = async (app, options) => {
  const signIn = signInChecker(app, options.signInLimit);

  app.post(
    '/session',
    { config: { access: 'public' }, schema: { body: SignInBody, response: { 200: SessionResponse, ...errors } } },
    async (request, reply) => {
      const userId = await signIn(request, request.body);
      const session = await openSession(app.db, request, reply, userId);
      await auditInCompaniesOf(app.db, { id: userId, email: session.user.email }, 'sign_in', request.ip, { companies: session.companies });
      return session;
    },
  );

  app.get('/session', { config: { access: 'signedIn' }, schema: { response: { 200: SessionResponse, ...errors } } }, async (request) => {
    const user = userOf(request);
    return sessionResponse(app.db, user);
  });

  app.put(
    '/session/company',
    { config: { access: 'signedIn' }, schema: { body: SwitchCompanyBody, response: { 200: SessionResponse, 404: ErrorResponse, ...errors } } },
    async (request) => {
      const user = userOf(request);
      const companies = await membershipsOf(app.db, user.userId);
      if (!companies.some((company) => company.id === request.body.companyId)) {
        throw new ApiError('NO_COMPANY', 'You are not a member of that company; pick one of your companies.', [
          { path: '/companyId', message: 'is not one of your companies' },
        ]);
      }
      await setSessionCompany(app.db, user.sessionIdHash, request.body.companyId);
      return sessionResponse(app.db, { ...user, companyId: request.body.companyId });
    },
  );

  app.put(
    '/session/password',
    { config: { access: 'signedIn' }, schema: { body: ChangePasswordBody, response: { 204: Type.Null(), ...errors } } },
    async (request, reply) => {
      const user = userOf(request);
      checkPasswordRules(request.body.newPassword, '/newPassword');
      const stored = await findUser(app.db, user.userId);
      const { ok } = await verifyPassword(request.body.currentPassword, stored?.password_hash ?? null);
      if (!ok) {
        throw new ApiError('INVALID_CREDENTIALS', 'The current password is wrong.', [{ path: '/currentPassword', message: 'is not your current password' }]);
      }
      await setPasswordHash(app.db, user.userId, await hashPassword(request.body.newPassword));
      // Whoever may have learnt the old password loses the sessions it opened; this one goes on.
      const ended = await deleteOtherSessions(app.db, user.userId, user.sessionIdHash);
      await auditInCompaniesOf(app.db, { id: user.userId, email: user.email }, 'password_changed', request.ip, { details: { otherSessionsEnded: ended } });
      return reply.code(204).send(null);
    },
  );

  app.delete('/session', { config: { access: 'signedIn' }, schema: { response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    const user = userOf(request);
    await deleteSession(app.db, user.sessionIdHash);
    await auditInCompaniesOf(app.db, { id: user.userId, email: user.email }, 'sign_out', request.ip);
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
    return reply.code(204).send(null);
  });

  app.delete('/sessions', { config: { access: 'signedIn' }, schema: { response: { 204: Type.Null(), ...errors } } }, async (request, reply) => {
    const user = userOf(request);
    const ended = await deleteUserSessions(app.db, user.userId);
    await auditInCompaniesOf(app.db, { id: user.userId, email: user.email }, 'sign_out_everywhere', request.ip, { details: { sessions: ended } });
    reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(request));
    return reply.code(204).send(null);
  });
};
