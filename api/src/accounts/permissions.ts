/**
 * Roles, permissions and API key scopes: what each may do, in one table. Every /api route declares
 * its `access` (accounts/plugin.ts refuses to register a route without one), and the route × role
 * test reads the same table.
 */
export const ROLES = ['admin', 'analyst', 'manager'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'surveys:read',
  'surveys:write',
  'reports:read',
  'exports:read',
  'responses:write',
  'purchases:write',
  'invites:write',
  'users:manage',
  'apiKeys:manage',
  'company:manage',
  'audit:read',
  'customers:erase',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ANALYST: readonly Permission[] = ['surveys:read', 'surveys:write', 'reports:read', 'exports:read', 'purchases:write', 'invites:write'];
const MANAGER: readonly Permission[] = ['surveys:read', 'reports:read', 'exports:read'];
const ADMIN_ONLY: readonly Permission[] = ['users:manage', 'apiKeys:manage', 'company:manage', 'audit:read', 'customers:erase'];

/** An admin can do what an analyst can, and runs the company; a manager reads reports and exports. */
export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set([...ANALYST, ...ADMIN_ONLY]),
  analyst: new Set(ANALYST),
  manager: new Set(MANAGER),
};

/** What a server may do with an API key; a key is given one or more of these when created. */
export const API_KEY_SCOPES = ['responses:write', 'purchases:write', 'reports:read', 'exports:read', 'invites:write'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

/**
 * Who may call a route: anyone (`public`), any signed-in user with or without a company
 * (`signedIn`), or whoever holds one of the listed permissions in the request's company.
 */
export type RouteAccess = 'public' | 'signedIn' | { anyOf: readonly Permission[] };

/** The permissions a role or a key's scopes give in one company. */
export function permissionsOf(grant: { role: Role } | { scopes: readonly ApiKeyScope[] }): ReadonlySet<Permission> {
  if ('role' in grant) return ROLE_PERMISSIONS[grant.role];
  const granted = new Set<Permission>(grant.scopes);
  // A key that reads reports may list the company's surveys to find them.
  if (granted.has('reports:read') || granted.has('exports:read')) granted.add('surveys:read');
  return granted;
}

// The table types (db/schema.ts) spell roles and scopes out; these fail to compile if they drift.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rolesMatchTable: Same<Role, import('../db/schema.js').RoleColumn> = true;
const scopesMatchTable: Same<ApiKeyScope, import('../db/schema.js').ApiKeyScopeColumn> = true;
void rolesMatchTable;
void scopesMatchTable;
