/**
 * The /app sections and the permission each needs: the navigation shows only what the role may do
 * (api/src/accounts/permissions.ts has the roles' permissions; the API enforces them).
 */
import type { Permission } from '$lib/api.js';
import type { AccountMessageKey } from '$lib/account/messages.js';

export interface Section {
  href: string;
  label: AccountMessageKey;
  /** Shown when the user holds any of these in the active company. */
  anyOf: readonly Permission[];
}

export const SECTIONS: readonly Section[] = [
  { href: '/app', label: 'navDashboard', anyOf: ['reports:read'] },
  { href: '/app/surveys', label: 'navSurveys', anyOf: ['surveys:write'] },
  { href: '/app/purchases', label: 'navPurchases', anyOf: ['purchases:write'] },
  { href: '/app/events', label: 'navEvents', anyOf: ['reports:read'] },
  { href: '/app/branding', label: 'navBranding', anyOf: ['surveys:write'] },
  { href: '/app/users', label: 'navUsers', anyOf: ['users:manage'] },
  { href: '/app/api-keys', label: 'navApiKeys', anyOf: ['apiKeys:manage'] },
  { href: '/app/audit', label: 'navAudit', anyOf: ['audit:read'] },
  { href: '/app/company', label: 'navCompany', anyOf: ['company:manage', 'customers:erase'] },
];

/** The sections `permissions` open, in navigation order. */
export function visibleSections(permissions: readonly Permission[]): Section[] {
  return SECTIONS.filter((section) => section.anyOf.some((permission) => permissions.includes(permission)));
}

/** The section a path is in (the longest matching href), for aria-current and for leaving one the role may not see. */
export function sectionOf(pathname: string): Section | undefined {
  return [...SECTIONS]
    .sort((a, b) => b.href.length - a.href.length)
    .find((section) => pathname === section.href || pathname.startsWith(`${section.href}/`));
}

/** `href` keeping an explicit `?lang=`, so the language chosen survives moving between sections. */
export function withLanguage(href: string, requestedLanguage: string | null): string {
  return requestedLanguage ? `${href}?lang=${encodeURIComponent(requestedLanguage)}` : href;
}
