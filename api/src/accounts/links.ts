/**
 * One-time links: an invitation to a company (7 days), a password reset (1 hour), the first admin's
 * setup (24 hours). The token is in the URL only; the database keeps its SHA-256. Using a link marks
 * it used and does what it is for in one transaction, so it works exactly once.
 */
import type { Kysely, Transaction } from 'kysely';
import { insertAuditEvents } from '../audit/queries.js';
import { insertCompany } from '../companies/queries.js';
import type { Database, OneTimeLinkKind } from '../db/schema.js';
import { ApiError } from '../errors.js';
import { addMembershipIfMissing, claimLink, expireUnusedLinks, findUsableLink, insertLink } from './membersQueries.js';
import { checkPasswordRules, hashPassword, verifyPassword } from './password.js';
import type { Role } from './permissions.js';
import { deleteUserSessions, findUser, findUserByEmail, insertUser, setPasswordHash } from './queries.js';
import type { Static } from 'typebox';
import type { UseLinkBody as UseLinkBodySchema } from './schemas.js';
import { newSecret, secretHash } from './tokens.js';

type UseLinkBody = Static<typeof UseLinkBodySchema>;

const HOUR_MS = 60 * 60 * 1000;
export const LINK_LIFETIME_MS: Record<OneTimeLinkKind, number> = {
  invitation: 7 * 24 * HOUR_MS,
  password_reset: HOUR_MS,
  setup: 24 * HOUR_MS,
};

/** The path a link's token is opened at in the web app. */
export function linkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/link/${token}`;
}

/**
 * The URL with one-time link tokens hidden, for the request log (a token in a log would open the link).
 * @example withoutLinkTokens('/api/links/AbC…') // '/api/links/[token]'
 */
export function withoutLinkTokens(url: string): string {
  return url.replace(/(\/(?:api\/links|link)\/)[^/?#]+/g, '$1[token]');
}

/**
 * Stores a new link (its hash) and returns its token, shown once.
 * @example const { token, expiresAt } = await createLink(trx, { kind: 'invitation', email, companyId, role: 'analyst', userId: null, createdBy });
 */
export async function createLink(
  db: Kysely<Database> | Transaction<Database>,
  link: { kind: OneTimeLinkKind; email: string | null; companyId: string | null; role: Role | null; userId: string | null; createdBy: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS[link.kind]);
  await insertLink(db, { ...link, tokenHash: secretHash(token), expiresAt });
  return { token, expiresAt };
}

function linkInvalid(): never {
  throw new ApiError('LINK_INVALID', 'This link is unknown, was used already or has expired; ask an admin of your company for a new one.');
}

/** What the link's page shows before it is used. */
export async function linkInfo(db: Kysely<Database>, token: string) {
  const link = await findUsableLink(db, secretHash(token));
  if (!link) linkInvalid();
  let email = link.email;
  let hasAccount = false;
  if (link.kind === 'password_reset' && link.userId) {
    email = (await findUser(db, link.userId))?.email ?? null;
    hasAccount = true;
  } else if (link.kind === 'invitation' && link.email) {
    hasAccount = Boolean((await findUserByEmail(db, link.email))?.password_hash);
  }
  return {
    kind: link.kind,
    email,
    companyName: link.companyName ?? null,
    role: link.kind === 'setup' ? ('admin' as const) : link.role,
    hasAccount,
    expiresAt: link.expiresAt.toISOString(),
  };
}

function missing(field: 'companyName' | 'email', what: string): never {
  throw new ApiError('VALIDATION_FAILED', `Give ${what} to set up the first admin.`, [{ path: `/${field}`, message: 'is required' }]);
}

/**
 * The user an invitation or setup signs in as: an existing account proves itself with its password;
 * a new email (or an invited one that never set a password) gets the password given.
 */
async function joiningUser(trx: Transaction<Database>, email: string, body: UseLinkBody): Promise<{ userId: string; email: string; created: boolean }> {
  const user = await findUserByEmail(trx, email);
  if (user?.password_hash) {
    const { ok } = await verifyPassword(body.password, user.password_hash);
    if (!ok) {
      throw new ApiError('INVALID_CREDENTIALS', 'This email already has an account: enter its password to join (or reset it first).', [
        { path: '/password', message: 'is not the password of this account' },
      ]);
    }
    return { userId: user.id, email: user.email, created: false };
  }
  checkPasswordRules(body.password);
  const passwordHash = await hashPassword(body.password);
  if (user) {
    await setPasswordHash(trx, user.id, passwordHash);
    return { userId: user.id, email: user.email, created: false };
  }
  return { userId: await insertUser(trx, { email, name: body.name ?? null, passwordHash }), email: email.toLowerCase(), created: true };
}

/**
 * Uses the link once: joins the company, sets the new password (ending every session of the user),
 * or creates the company and its first admin.
 * @returns who to start a session for, and in which company
 */
export async function useLink(
  db: Kysely<Database>,
  token: string,
  body: UseLinkBody,
  address: string,
): Promise<{ userId: string; companyId: string | null }> {
  return db.transaction().execute(async (trx) => {
    const link = await claimLink(trx, secretHash(token));
    if (!link) linkInvalid();
    if (link.kind === 'password_reset') {
      const user = link.userId ? await findUser(trx, link.userId) : undefined;
      if (!user) linkInvalid();
      checkPasswordRules(body.password);
      await setPasswordHash(trx, user.id, await hashPassword(body.password));
      const sessions = await deleteUserSessions(trx, user.id);
      await expireUnusedLinks(trx, 'password_reset', user.id);
      if (link.companyId) {
        await insertAuditEvents(trx, [
          {
            companyId: link.companyId,
            action: 'password_reset',
            actor: { kind: 'user', id: user.id, label: user.email },
            target: `user:${user.email}`,
            details: { sessionsEnded: sessions },
            address,
          },
        ]);
      }
      return { userId: user.id, companyId: link.companyId };
    }
    if (link.kind === 'invitation') {
      if (!link.email || !link.companyId || !link.role) linkInvalid();
      const user = await joiningUser(trx, link.email, body);
      await addMembershipIfMissing(trx, { companyId: link.companyId, userId: user.userId, role: link.role });
      await insertAuditEvents(trx, [
        {
          companyId: link.companyId,
          action: 'member_joined',
          actor: { kind: 'user', id: user.userId, label: user.email },
          target: `user:${user.email}`,
          details: { role: link.role, newAccount: user.created },
          address,
        },
      ]);
      return { userId: user.userId, companyId: link.companyId };
    }
    const companyName = body.companyName?.trim();
    if (!companyName) missing('companyName', "the company's name");
    if (!body.email) missing('email', 'your email');
    const user = await joiningUser(trx, body.email, body);
    const companyId = await insertCompany(trx, { name: companyName });
    await addMembershipIfMissing(trx, { companyId, userId: user.userId, role: 'admin' });
    await insertAuditEvents(trx, [
      {
        companyId,
        action: 'member_joined',
        actor: { kind: 'user', id: user.userId, label: user.email },
        target: `user:${user.email}`,
        details: { role: 'admin', setup: true },
        address,
      },
    ]);
    return { userId: user.userId, companyId };
  });
}
