/**
 * Request and response schemas of the account routes: sessions, one-time links, users, API keys,
 * the company, the audit log and erasure. The web client imports these types (`import type`).
 */
import { Type, type Static, type TLiteral } from 'typebox';
import { Uuid } from '../surveys/schemas.js';
import { API_KEY_SCOPES, PERMISSIONS, ROLES, type ApiKeyScope, type Permission, type Role } from './permissions.js';

function literals<T extends string>(values: readonly T[]) {
  return Type.Union(values.map((value) => Type.Literal(value)) as [TLiteral<T>, ...TLiteral<T>[]]);
}

export const RoleSchema = literals<Role>(ROLES);
export const PermissionSchema = literals<Permission>(PERMISSIONS);
export const ApiKeyScopeSchema = literals<ApiKeyScope>(API_KEY_SCOPES);

/** Shortest password accepted, in characters; the longest is PASSWORD_MAX_BYTES of UTF-8 (checked before hashing). */
export const PASSWORD_MIN_CHARACTERS = 12;
export const PASSWORD_MAX_BYTES = 1024;

export const Email = Type.String({ minLength: 3, maxLength: 254, format: 'email', description: 'an email address, e.g. ana@example.com' });
/** Length limits are checked by the handler (characters and UTF-8 bytes), so the message can name them. */
export const Password = Type.String({ maxLength: 4096, description: `at least ${PASSWORD_MIN_CHARACTERS} characters, at most ${PASSWORD_MAX_BYTES} bytes` });
const Timestamp = Type.String({ format: 'date-time' });
const PersonName = Type.String({ minLength: 1, maxLength: 200 });

export const SignInBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });
export type SignInBody = Static<typeof SignInBody>;

export const CompanyMembership = Type.Object({ id: Uuid, name: Type.String(), role: RoleSchema });

/**
 * The signed-in user, their companies and the company this session works in (null when they belong
 * to none), the permissions they hold there, and the token to send as `X-CSRF-Token` on every
 * state-changing request.
 */
export const SessionResponse = Type.Object({
  user: Type.Object({ id: Uuid, email: Type.String(), name: Type.Union([Type.String(), Type.Null()]) }),
  companies: Type.Array(CompanyMembership),
  company: Type.Union([CompanyMembership, Type.Null()]),
  permissions: Type.Array(PermissionSchema),
  csrfToken: Type.String(),
  /** When the session ends at the latest (absolute expiry); it ends earlier after 8 h without use. */
  expiresAt: Timestamp,
});
export type SessionResponse = Static<typeof SessionResponse>;

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false });

export const SwitchCompanyBody = Type.Object({ companyId: Uuid }, { additionalProperties: false });

/** A one-time link (invitation, password reset, first-admin setup), shown once to the admin who made it. */
export const OneTimeLink = Type.Object({ url: Type.String(), expiresAt: Timestamp });

export const LinkParams = Type.Object({ token: Type.String({ minLength: 20, maxLength: 200 }) }, { additionalProperties: false });
export const LinkKind = literals(['invitation', 'password_reset', 'setup'] as const);
export const LinkInfoResponse = Type.Object({
  kind: LinkKind,
  email: Type.Union([Type.String(), Type.Null()]),
  companyName: Type.Union([Type.String(), Type.Null()]),
  role: Type.Union([RoleSchema, Type.Null()]),
  /** Whether the email already has an account (an invitation then only asks to sign in with its password). */
  hasAccount: Type.Boolean(),
  expiresAt: Timestamp,
});
/** Using a link: a new password (required unless an invited user already has an account), a name, and for setup the company and email. */
export const UseLinkBody = Type.Object(
  {
    password: Password,
    name: Type.Optional(PersonName),
    companyName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Email),
  },
  { additionalProperties: false },
);

export const Member = Type.Object({
  userId: Uuid,
  email: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  role: RoleSchema,
  joinedAt: Timestamp,
});
export const PendingInvitation = Type.Object({ email: Type.String(), role: RoleSchema, expiresAt: Timestamp });
export const MemberListResponse = Type.Object({ members: Type.Array(Member), invitations: Type.Array(PendingInvitation) });
export const InviteMemberBody = Type.Object({ email: Email, role: RoleSchema }, { additionalProperties: false });
export const MemberParams = Type.Object({ userId: Uuid }, { additionalProperties: false });
export const ChangeRoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });

export const ApiKey = Type.Object({
  id: Uuid,
  name: Type.String(),
  scopes: Type.Array(ApiKeyScopeSchema),
  /** The key's first characters, to tell keys apart (the rest is never stored). */
  prefix: Type.String(),
  createdAt: Timestamp,
  createdBy: Type.Union([Type.String(), Type.Null()]),
  lastUsedAt: Type.Union([Timestamp, Type.Null()]),
  revokedAt: Type.Union([Timestamp, Type.Null()]),
});
export const ApiKeyListResponse = Type.Object({ apiKeys: Type.Array(ApiKey) });
export const CreateApiKeyBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 100 }), scopes: Type.Array(ApiKeyScopeSchema, { minItems: 1, uniqueItems: true }) },
  { additionalProperties: false },
);
/** `secret` is the whole key, shown this once: send it as `Authorization: Bearer <secret>`. */
export const CreatedApiKeyResponse = Type.Object({ apiKey: ApiKey, secret: Type.String() });
export const ApiKeyParams = Type.Object({ id: Uuid }, { additionalProperties: false });

export const CompanyResponse = Type.Object({ id: Uuid, name: Type.String(), createdAt: Timestamp });
export const UpdateCompanyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });

export const AUDIT_ACTIONS = [
  'sign_in',
  'sign_in_failed',
  'sign_out',
  'sign_out_everywhere',
  'member_invited',
  'member_joined',
  'member_role_changed',
  'member_removed',
  'password_reset_link_created',
  'password_reset',
  'password_changed',
  'api_key_created',
  'api_key_revoked',
  'company_updated',
  'survey_created',
  'survey_updated',
  'survey_draft_discarded',
  'survey_published',
  'survey_closed',
  'survey_reopened',
  'invite_created',
  'invites_imported',
  'import',
  'export',
  'erasure',
  'branding_updated',
  'logo_uploaded',
  'logo_removed',
  'purchases_imported',
  'change_event_created',
  'change_event_updated',
  'change_event_deleted',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
export const AuditActionSchema = literals<AuditAction>(AUDIT_ACTIONS);

export const AuditEntry = Type.Object({
  id: Uuid,
  at: Timestamp,
  action: AuditActionSchema,
  /** Who did it: a user (their email), an API key (its name) or the system. */
  actor: Type.Object({ kind: literals(['user', 'api_key', 'system'] as const), id: Type.Union([Uuid, Type.Null()]), label: Type.String() }),
  /** What it was done to, e.g. `survey:<id>`, `user:<email>`; null when nothing in particular. */
  target: Type.Union([Type.String(), Type.Null()]),
  /** Action-specific facts: filters and row count of an export, counts of an erasure, old and new role… */
  details: Type.Record(Type.String(), Type.Unknown()),
  address: Type.Union([Type.String(), Type.Null()]),
});
export const AuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
    /** The `nextCursor` of the previous page. */
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    action: Type.Optional(AuditActionSchema),
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
  },
  { additionalProperties: false },
);
export const AuditListResponse = Type.Object({ entries: Type.Array(AuditEntry), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const ErasureBody = Type.Object({ customerRef: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const ErasureResponse = Type.Object({
  erased: Type.Object({ responses: Type.Integer(), invites: Type.Integer(), purchases: Type.Integer() }),
});
