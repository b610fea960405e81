/**
 * The members of a company, for its admins: list them with the pending invitations, invite by a
 * link, change a role, remove, make a password-reset link. The company is never left without an
 * admin: the check and the change run in one transaction holding the company's admin rows.
 */
import type { Transaction } from 'kysely';
import { insertAuditEvents, type AuditActor } from '../audit/queries.js';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { createLink } from './links.js';
import {
  deleteMembership,
  deletePendingInvitations,
  findMember,
  listMembers,
  listPendingInvitations,
  lockAdmins,
  setMemberRole,
} from './membersQueries.js';
import type { Role } from './permissions.js';
import { findUserByEmail, membershipsOf } from './queries.js';

/** Who acts and from where, for the audit log. */
export interface Acting {
  actor: AuditActor;
  address: string;
}

type MemberRow = NonNullable<Awaited<ReturnType<typeof findMember>>>;

function toMember(row: MemberRow) {
  return { userId: row.userId, email: row.email, name: row.name, role: row.role, joinedAt: row.joinedAt.toISOString() };
}

function userNotFound(): never {
  throw new ApiError('USER_NOT_FOUND', 'No member of this company has this id; reload the list of users.');
}

/** @example const { members, invitations } = await memberList(tenantOf(request)); */
export async function memberList(scope: TenantScope) {
  const [members, invitations] = await Promise.all([listMembers(scope.db, scope.companyId), listPendingInvitations(scope.db, scope.companyId)]);
  return {
    members: members.map(toMember),
    invitations: invitations.map((invitation) => ({ email: invitation.email!, role: invitation.role!, expiresAt: invitation.expiresAt.toISOString() })),
  };
}

/**
 * An invitation link for the email with the role; it replaces earlier unused invitations of that email.
 * @returns the token (for the URL) and when it expires; 409 ALREADY_MEMBER for a member's email
 */
export async function inviteMember(scope: TenantScope, invitation: { email: string; role: Role }, acting: Acting) {
  const email = invitation.email.toLowerCase();
  return scope.db.transaction().execute(async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (user && (await findMember(trx, scope.companyId, user.id))) {
      throw new ApiError('ALREADY_MEMBER', `${email} is already a member of this company; change their role in the list instead.`, [
        { path: '/email', message: 'is already a member' },
      ]);
    }
    await deletePendingInvitations(trx, scope.companyId, email);
    const link = await createLink(trx, { kind: 'invitation', email, companyId: scope.companyId, role: invitation.role, userId: null, createdBy: acting.actor.id });
    await insertAuditEvents(trx, [
      { companyId: scope.companyId, action: 'member_invited', actor: acting.actor, target: `user:${email}`, details: { role: invitation.role }, address: acting.address },
    ]);
    return link;
  });
}

/** Refuses a change that leaves the company without an admin; call with the admins locked. */
function keepOneAdmin(admins: readonly string[], member: MemberRow, newRole: Role | null): void {
  if (member.role !== 'admin' || newRole === 'admin') return;
  if (admins.length <= 1) {
    throw new ApiError('LAST_ADMIN', `${member.email} is the only admin of this company; make someone else admin first.`, [
      { path: newRole ? '/role' : '/params/userId', message: 'would leave the company without an admin' },
    ]);
  }
}

async function withMemberLocked<T>(scope: TenantScope, userId: string, change: (trx: Transaction<Database>, admins: string[], member: MemberRow) => Promise<T>) {
  return scope.db.transaction().execute(async (trx) => {
    const admins = await lockAdmins(trx, scope.companyId);
    const member = await findMember(trx, scope.companyId, userId, { forUpdate: true });
    if (!member) userNotFound();
    return change(trx, admins, member);
  });
}

/** @example const member = await changeRole(scope, userId, 'manager', acting); */
export async function changeRole(scope: TenantScope, userId: string, role: Role, acting: Acting) {
  return withMemberLocked(scope, userId, async (trx, admins, member) => {
    keepOneAdmin(admins, member, role);
    if (member.role !== role) {
      await setMemberRole(trx, scope.companyId, userId, role);
      await insertAuditEvents(trx, [
        {
          companyId: scope.companyId,
          action: 'member_role_changed',
          actor: acting.actor,
          target: `user:${member.email}`,
          details: { from: member.role, to: role },
          address: acting.address,
        },
      ]);
    }
    return toMember({ ...member, role });
  });
}

/** Removes the member from the company (their account stays; their sessions lose this company). */
export async function removeMember(scope: TenantScope, userId: string, acting: Acting): Promise<void> {
  await withMemberLocked(scope, userId, async (trx, admins, member) => {
    keepOneAdmin(admins, member, null);
    await deleteMembership(trx, scope.companyId, userId);
    await insertAuditEvents(trx, [
      { companyId: scope.companyId, action: 'member_removed', actor: acting.actor, target: `user:${member.email}`, details: { role: member.role }, address: acting.address },
    ]);
  });
}

/**
 * A one-hour link for the member to set a new password. Refused for a member who also belongs to
 * another company: the password opens every company of the account, so one company's admin must not
 * be able to take over an account other companies trust.
 */
export async function passwordResetLink(scope: TenantScope, userId: string, acting: Acting) {
  return scope.db.transaction().execute(async (trx) => {
    const member = await findMember(trx, scope.companyId, userId);
    if (!member) userNotFound();
    const companies = await membershipsOf(trx, userId);
    if (companies.some((company) => company.id !== scope.companyId)) {
      throw new ApiError(
        'RESET_NOT_ALLOWED',
        'This person also works for another company with the same account, so only they can change the password: they sign in and change it themselves.',
      );
    }
    const link = await createLink(trx, { kind: 'password_reset', email: member.email, companyId: scope.companyId, role: null, userId, createdBy: acting.actor.id });
    await insertAuditEvents(trx, [
      { companyId: scope.companyId, action: 'password_reset_link_created', actor: acting.actor, target: `user:${member.email}`, address: acting.address },
    ]);
    return link;
  });
}
