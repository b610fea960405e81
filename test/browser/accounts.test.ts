/**
 * Signing in as each role of a company and seeing only the sections that role may use; the sign-in
 * page on a phone with nothing for axe to flag; and a session that ends mid-work answered by a
 * sign-in dialog over the page, which keeps what was typed and sends the call again.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS, firstRun } from '../../api/src/accounts/firstRun.js';
import type { Role } from '../../api/src/accounts/permissions.js';
import { findUserByEmail, insertMembership } from '../../api/src/accounts/queries.js';
import { insertCompany } from '../../api/src/companies/queries.js';
import { DEMO_COMPANY_ID } from '../../scripts/demo/seed.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, type ServedApp } from './servedApp.js';

/** The demo accounts `npm start` creates on a first run, one per role. */
const demoAccount = (role: Role) => DEMO_ACCOUNTS.find((account) => account.role === role)!;
const emailOf = (role: Role) => demoAccount(role).email;

describe.skipIf(!chromiumIsAvailable())('accounts in the browser', () => {
  let database: TestDatabase;
  let browser: Browser;
  let baseUrl: string;
  let served: ServedApp | undefined;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    // The demo company without its demo responses: the accounts are what this file is about.
    await insertCompany(database.db, { id: DEMO_COMPANY_ID, name: 'Demo Coffee' });
    await firstRun(database.db, { production: false, demoCompanyId: DEMO_COMPANY_ID, baseUrl: 'http://localhost', log: () => {} });
    // The demo admin also reads the reports of a second company, as a manager.
    const bakery = await insertCompany(database.db, { name: 'Tbilisi Bakery' });
    const admin = await findUserByEmail(database.db, emailOf('admin'));
    await insertMembership(database.db, { companyId: bakery, userId: admin!.id, role: 'manager' });
    served = await serveWithChromium(database);
    ({ baseUrl, browser } = served);
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  async function newPage(width = 1280): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    return context.newPage();
  }

  async function signIn(page: Page, role: Role, next = '/app') {
    await page.goto(`${baseUrl}/signin?next=${encodeURIComponent(next)}&lang=en`);
    await page.getByLabel('Email').fill(emailOf(role));
    await page.getByLabel('Password').fill(demoAccount(role).password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === next, { timeout: 15_000 });
  }

  it('sends a signed-out visit to /app to the sign-in page, and back afterwards', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/app/audit?action=export`);
    await page.waitForURL((url) => url.pathname === '/signin', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('next')).toBe('/app/audit?action=export');
    await page.getByLabel(/email/i).fill(emailOf('admin'));
    await page.getByLabel(/password/i).fill(demoAccount('admin').password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.waitForURL((url) => url.pathname === '/app/audit', { timeout: 15_000 });
    expect(new URL(page.url()).searchParams.get('action')).toBe('export');
    await page.context().close();
  });

  it('says the email or password is wrong without saying which', async () => {
    const page = await newPage(375);
    await page.goto(`${baseUrl}/signin?lang=en`);
    await page.getByLabel('Email').fill(emailOf('analyst'));
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toBe('The email or password is wrong. Check both and try again.');
    await page.context().close();
  });

  it.each([
    ['admin', ['Dashboard', 'Surveys', 'Purchases', 'Change events', 'Branding', 'Users', 'API keys', 'Audit log', 'Company']],
    ['analyst', ['Dashboard', 'Surveys', 'Purchases', 'Change events', 'Branding']],
    ['manager', ['Dashboard', 'Change events']],
  ] as const)('shows a signed-in %s only the sections their role opens', async (role, sections) => {
    const page = await newPage();
    await signIn(page, role);
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => navigation.getByRole('link').allTextContents(), { timeout: 15_000 }).toEqual(sections);
    await page.context().close();
  });

  it('tells an analyst who opens /app/users that the page is not for their role, in their language', async () => {
    const page = await newPage(375);
    await signIn(page, 'analyst');
    await page.goto(`${baseUrl}/app/users?lang=et`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Teie rollile pole see saadaval');
    await page.context().close();
  });

  it('switches company from the account menu and leaves a section the role there may not see', async () => {
    const page = await newPage(375);
    await signIn(page, 'admin', '/app/users');
    await page.locator('details.account summary').click();
    await page.getByLabel('Company').selectOption({ label: 'Tbilisi Bakery' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await page.waitForURL((url) => url.pathname === '/app', { timeout: 15_000 });
    const navigation = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => navigation.getByRole('link').allTextContents(), { timeout: 15_000 }).toEqual(['Dashboard', 'Change events']);
    await page.locator('details.account summary').click();
    await expect.poll(() => page.locator('details.account .panel').textContent()).toContain('Tbilisi Bakery · Manager');
    await page.context().close();
  });

  it.each(['en', 'ru', 'ka'])('has nothing for axe to flag on /signin at 375 px in %s, nor with errors shown', async (language) => {
    const page = await newPage(375);
    await page.goto(`${baseUrl}/signin?lang=${language}`);
    await page.locator('#signin-email').waitFor();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.locator('button[type="submit"]').click();
    await page.locator('[aria-invalid="true"]').first().waitFor();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    await page.context().close();
  });

  it.each(['ka', 'ru'])('lays out /app/users for a phone in %s: no sideways scrolling, nothing for axe to flag, menu open or closed', async (language) => {
    const page = await newPage(375);
    await signIn(page, 'admin', '/app/users');
    await page.goto(`${baseUrl}/app/users?lang=${language}`);
    await page.locator('#invite-email').waitFor({ timeout: 15_000 });
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.locator('details.account summary').click();
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.context().close();
  });

  it('asks to sign in again over the page when the session ends, keeps what was typed and retries', async () => {
    const page = await newPage(375);
    await signIn(page, 'admin', '/app/users');
    await page.locator('#invite-email').fill('new.analyst@example.com');
    await database.db.deleteFrom('session').execute();
    await page.getByRole('button', { name: 'Create an invitation link' }).click();

    const dialog = page.getByRole('dialog', { name: 'Your session has ended' });
    await dialog.waitFor({ timeout: 15_000 });
    await expect.poll(() => page.evaluate('document.activeElement?.id')).toBe('reauth-password');
    expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await dialog.getByLabel('Password').fill(demoAccount('admin').password);
    await dialog.getByRole('button', { name: 'Sign in' }).click();

    const link = page.locator('#one-time-link');
    await expect.poll(() => link.inputValue(), { timeout: 15_000 }).toContain('/link/');
    expect(await dialog.isVisible()).toBe(false);
    expect(new URL(page.url()).pathname).toBe('/app/users');
    await page.context().close();
  });

  it('invites by link: the invited person sets a password, lands in the dashboard and sees an analyst’s sections', async () => {
    const admin = await newPage();
    await signIn(admin, 'admin', '/app/users');
    await admin.locator('#invite-email').fill('invited@example.com');
    await admin.getByRole('button', { name: 'Create an invitation link' }).click();
    const url = await (async () => {
      const field = admin.getByLabel('Invitation link for invited@example.com', { exact: true });
      await expect.poll(() => field.inputValue(), { timeout: 15_000 }).toContain('/link/');
      return field.inputValue();
    })();
    await expect.poll(() => admin.locator('.invitations li').filter({ hasText: 'invited@example.com' }).count()).toBe(1);

    const invited = await newPage(375);
    await invited.goto(`${baseUrl}${new URL(url).pathname}?lang=ru`);
    await invited.getByRole('heading', { name: 'Приглашение в компанию Demo Coffee' }).waitFor({ timeout: 15_000 });
    expect((await new AxeBuilder({ page: invited }).analyze()).violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await invited.getByLabel('Новый пароль').fill('short');
    await invited.getByRole('button', { name: 'Присоединиться' }).click();
    await expect.poll(() => invited.locator('#link-password-error').textContent()).toBe('Пароль должен быть не короче 12 символов.');
    await invited.getByLabel('Новый пароль').fill('a long enough password');
    await invited.getByRole('button', { name: 'Присоединиться' }).click();
    await invited.waitForURL((reached) => reached.pathname === '/app', { timeout: 15_000 });
    const navigation = invited.getByRole('navigation', { name: 'Основное меню' });
    await expect.poll(() => navigation.getByRole('link').allTextContents(), { timeout: 15_000 }).toEqual(['Панель', 'Опросы', 'Покупки', 'События', 'Оформление']);
    await admin.context().close();
    await invited.context().close();
  });

  it('changes one’s own password from the account menu, refusing a wrong current one', async () => {
    const page = await newPage(375);
    await signIn(page, 'manager');
    await page.getByText('Demo Manager').click();
    await page.getByRole('link', { name: 'Change password' }).click();
    await page.getByLabel('Current password').fill('not my password at all');
    await page.getByLabel('New password').fill('a brand new manager password');
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.locator('#current-password-error').textContent(), { timeout: 15_000 }).toBe('This is not your current password.');
    expect(await page.evaluate('document.activeElement?.id')).toBe('current-password');
    await page.getByLabel('Current password').fill(demoAccount('manager').password);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'password is changed' }).count(), { timeout: 15_000 }).toBe(1);
    await page.context().close();
  });
});
