import { describe, expect, it } from 'vitest';
import { ROLE_PERMISSIONS, ROLES } from '../../../../api/src/accounts/permissions.js';
import { sectionOf, visibleSections, withLanguage } from './navigation.js';

describe('the /app navigation', () => {
  const expected = {
    admin: ['/app', '/app/surveys', '/app/purchases', '/app/events', '/app/branding', '/app/users', '/app/api-keys', '/app/audit', '/app/company'],
    analyst: ['/app', '/app/surveys', '/app/purchases', '/app/events', '/app/branding'],
    manager: ['/app', '/app/events'],
  };

  it.each(ROLES)('shows a %s only the sections their role opens', (role) => {
    expect(visibleSections([...ROLE_PERMISSIONS[role]]).map((section) => section.href)).toEqual(expected[role]);
  });

  it('shows the company page to whoever may erase customers, even without company:manage', () => {
    expect(visibleSections(['customers:erase']).map((section) => section.href)).toEqual(['/app/company']);
  });

  it('finds the section of a path, not confusing /app with its subsections', () => {
    expect(sectionOf('/app')?.href).toBe('/app');
    expect(sectionOf('/app/users')?.href).toBe('/app/users');
    expect(sectionOf('/app/surveys/abc/invites')?.href).toBe('/app/surveys');
    expect(sectionOf('/app/api-keys/x')?.href).toBe('/app/api-keys');
    expect(sectionOf('/signin')).toBeUndefined();
  });

  it('keeps the chosen language on the links', () => {
    expect(withLanguage('/app/audit', 'ka')).toBe('/app/audit?lang=ka');
    expect(withLanguage('/app/audit', null)).toBe('/app/audit');
  });
});
