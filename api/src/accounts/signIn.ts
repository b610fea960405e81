/**
 * Sign-in: the same answer, in the same time, for an unknown email and a wrong password; failures
 * counted per account and attempts per client address (@fastify/rate-limit stores), each refused
 * with "try again in N minutes" once over its limit.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { auditInCompaniesOf } from '../audit/service.js';
import type { Config } from '../config.js';
import { ApiError } from '../errors.js';
import { checkPasswordRules, hashPassword, prepareDecoyHash, verifyPassword } from './password.js';
import { findUserByEmail, setPasswordHash } from './queries.js';
import type { SignInBody } from './schemas.js';

interface LimitResult {
  isExceeded: boolean;
  /** How many more the window takes: max minus the count (the count includes this request unless read with increment: false). */
  remaining: number;
  ttl: number;
}
type Limiter = (request: FastifyRequest, options?: { increment?: boolean }) => Promise<LimitResult>;

declare module 'fastify' {
  interface FastifyInstance {
    /** @fastify/rate-limit's limiter factory: counts per key without answering the request itself. */
    createRateLimit(options: { max: number; timeWindow: number; keyGenerator: (request: FastifyRequest) => string }): Limiter;
  }
}

function limited(result: LimitResult): never {
  const minutes = Math.max(1, Math.ceil(result.ttl / 60_000));
  const error = new ApiError('SIGN_IN_LIMITED', `Too many sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, [
    { path: '/email', message: `try again in ${minutes} minutes`, code: 'TRY_AGAIN_IN_MINUTES', params: { minutes } },
  ]);
  error.retryAfterSeconds = Math.ceil(result.ttl / 1000);
  throw error;
}

/**
 * @returns `signIn(request, body)` → the user id, or INVALID_CREDENTIALS / SIGN_IN_LIMITED / WEAK_PASSWORD
 */
export function signInChecker(app: FastifyInstance, limits: Config['signInLimit']) {
  app.addHook('onReady', async () => {
    await prepareDecoyHash();
  });
  const timeWindow = limits.windowMinutes * 60_000;
  const perAccount = app.createRateLimit({
    max: limits.perAccount,
    timeWindow,
    keyGenerator: (request) => `sign-in:account:${String((request.body as SignInBody).email).toLowerCase()}`,
  });
  const perAddress = app.createRateLimit({ max: limits.perAddress, timeWindow, keyGenerator: (request) => `sign-in:address:${request.ip}` });

  return async function signIn(request: FastifyRequest, body: SignInBody): Promise<string> {
    const address = await perAddress(request);
    if (address.isExceeded) limited(address);
    // Read without counting this attempt: `perAccount` failures are already in, so the next one is refused.
    const account = await perAccount(request, { increment: false });
    if (account.remaining === 0) limited(account);
    // Over-long passwords are refused before hashing; short ones are not, as old accounts may have them.
    if (Buffer.byteLength(body.password, 'utf8') > 1024) checkPasswordRules(body.password);
    const user = await findUserByEmail(app.db, body.email);
    const { ok, outdated } = await verifyPassword(body.password, user?.password_hash ?? null);
    if (!user || !ok) {
      await perAccount(request);
      if (user) await auditInCompaniesOf(app.db, user, 'sign_in_failed', request.ip, { target: `user:${user.email}` });
      request.log.info({ event: 'sign_in_failed', knownAccount: Boolean(user) }, 'sign-in refused');
      throw new ApiError('INVALID_CREDENTIALS', 'The email or the password is wrong.');
    }
    if (outdated) await setPasswordHash(app.db, user.id, await hashPassword(body.password));
    return user.id;
  };
}
