/**
 * The admin pages against the real API: an API key created on /app/api-keys (its secret shown once,
 * then revoked after a confirm step), the audit log and its action filter, renaming the company and
 * erasing a customer on /app/company; and each page at 375 px with nothing for axe to flag.
 */
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../api/src/accounts/password.js';
import { insertMembership, insertUser } from '../../api/src/accounts/queries.js';
import { shortTemplate } from '../../api/src/model/template.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { addCustomerHistory, createSurvey, customerRowCount, signedInMember } from '../helper.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, type ServedApp } from './servedApp.js';

const ADMIN = { email: 'owner@bakery.example', password: 'a long admin password' };

describe.skipIf(!chromiumIsAvailable())('the admin pages in the browser', () => {
  let database: TestDatabase;
  let served: ServedApp;
  let survey: Awaited<ReturnType<typeof createSurvey>>;

  /** Two responses (one through an invite) and two purchases of the customer (test/helper.ts). */
  const addCustomer = (customerRef: string) => addCustomerHistory(database, survey, customerRef, `from ${customerRef}`);
  const countOf = (table: 'response' | 'invite' | 'purchase', customerRef: string) => customerRowCount(database, table, survey.companyId, customerRef);


  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    survey = await createSurvey(database, shortTemplate(), { companyName: 'Erasing Bakery' });
    const userId = await insertUser(database.db, { email: ADMIN.email, name: 'Nino Owner', passwordHash: await hashPassword(ADMIN.password) });
    await insertMembership(database.db, { companyId: survey.companyId, userId, role: 'admin' });
    await addCustomer('CARD-0042');
    await addCustomer('CARD-0077');
    served = await serveWithChromium(database);
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  /** A new browser context, signed in as the admin through /signin (so the audit log has the sign-in), on `path`. */
  async function signedInPage(path: string, width = 1280): Promise<Page> {
    const context = await served.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    const target = new URL(path, served.baseUrl);
    await page.goto(`${served.baseUrl}/signin?next=${encodeURIComponent(target.pathname)}&lang=en`);
    await page.getByLabel('Email').fill(ADMIN.email);
    await page.getByLabel('Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => url.pathname === target.pathname, { timeout: 15_000 });
    await page.goto(target.href);
    await page.locator('main h1').waitFor({ timeout: 15_000 });
    return page;
  }

  /** What the API answers a report request made with `secret` as its bearer key. */
  async function statusWithKey(secret: string): Promise<number> {
    const res = await served.app.inject({ url: `/api/surveys/${survey.surveyId}/summary`, headers: { authorization: `Bearer ${secret}` } });
    return res.statusCode;
  }

  async function axeViolations(page: Page): Promise<string[]> {
    return (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  }

  it('creates an API key whose secret is shown once, and revokes it after a confirm step', async () => {
    const page = await signedInPage('/app/api-keys?lang=en');
    await page.getByLabel('Name', { exact: true }).fill('Till import');
    await page.getByLabel('Read reports').check();
    await page.getByRole('button', { name: 'Create the key' }).click();

    const secretField = page.locator('#new-secret');
    await expect.poll(() => secretField.inputValue(), { timeout: 15_000 }).toMatch(/^llk_/);
    const secret = await secretField.inputValue();
    expect(await page.getByRole('heading', { name: 'The new key “Till import”' }).count()).toBe(1);
    expect(await statusWithKey(secret)).toBe(200);
    const row = page.locator('li.key').filter({ has: page.getByRole('heading', { name: 'Till import' }) });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    // What the list shows of a key: `llk_…_` and the start of its id, which is the key's second part.
    const shown = (await row.locator('code').textContent())!;
    expect(shown).toMatch(/^llk_…_[0-9a-f]{8}…$/);
    expect(secret.split('_')[2]!.startsWith(shown.slice('llk_…_'.length, -1))).toBe(true);
    expect(await row.textContent()).toContain('Read reports');
    expect(await row.textContent()).toContain(`by ${ADMIN.email}`);

    // Reloaded, the page has the key but never its secret.
    await page.reload();
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator('#new-secret').count()).toBe(0);
    expect(await page.content()).not.toContain(secret);

    await row.getByRole('button', { name: /^Revoke\W+Till import$/ }).click();
    await expect.poll(() => row.getByRole('alert').textContent()).toBe('Revoke “Till import”? Servers that use it are refused from then on.');
    expect(await statusWithKey(secret)).toBe(200);
    await row.getByRole('button', { name: 'Cancel' }).click();
    expect(await row.getByRole('alert').count()).toBe(0);
    await row.getByRole('button', { name: /^Revoke\W+Till import$/ }).click();
    await row.getByRole('button', { name: 'Yes, revoke' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'is revoked' }).textContent(), { timeout: 15_000 }).toBe('“Till import” is revoked.');
    await expect.poll(() => row.locator('.status').textContent()).toMatch(/^Revoked /);
    expect(await row.getByRole('button', { name: /Revoke/ }).count()).toBe(0);
    expect(await statusWithKey(secret)).toBe(401);

    await page.reload();
    await row.waitFor({ timeout: 15_000 });
    expect(await row.locator('.status').textContent()).toMatch(/^Revoked /);
    await page.context().close();
  });

  it('lists the audit entries, newest first, and the action filter narrows them', async () => {
    // A key made through the API by another admin, so this test does not lean on the one above.
    const other = await signedInMember(database, survey.companyId, 'admin');
    const made = await served.app.inject({ method: 'POST', url: '/api/api-keys', headers: other.headers, payload: { name: 'Nightly export', scopes: ['exports:read'] } });
    expect(made.statusCode).toBe(201);

    const page = await signedInPage('/app/audit?lang=en');
    const entries = page.locator('ol.entries > li');
    await expect.poll(() => entries.count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
    const actions = await entries.locator('strong').allTextContents();
    // The newest first: this page's own sign-in, after the key made above.
    expect(actions[0]).toBe('Signed in');
    expect(actions).toContain('API key created');
    const all = actions.length;
    const created = entries.filter({ hasText: 'Nightly export' });
    expect(await created.textContent()).toContain(other.email);
    expect(await created.locator('code').textContent()).toBe(`api_key:${made.json().apiKey.id}`);
    // The details in words, not as the API stores them (["exports:read"]).
    expect(await created.locator('dt').allTextContents()).toEqual(['Name', 'May']);
    expect(await created.locator('dd').allTextContents()).toEqual(['Nightly export', 'Download exports']);

    await page.getByLabel('Action').selectOption({ label: 'API key created' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'api_key_created', { timeout: 15_000 });
    await expect.poll(() => entries.locator('strong').allTextContents(), { timeout: 15_000 }).not.toContain('Signed in');
    const filtered = await entries.locator('strong').allTextContents();
    expect(filtered.length).toBeGreaterThanOrEqual(1);
    expect(filtered.length).toBeLessThan(all);
    expect(new Set(filtered)).toEqual(new Set(['API key created']));
    expect(await page.getByLabel('Action').inputValue()).toBe('api_key_created');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');

    // The filter is in the address: a reload keeps it.
    await page.reload();
    await expect.poll(() => entries.locator('strong').allTextContents(), { timeout: 15_000 }).toEqual(filtered);
    expect(await page.getByLabel('Action').inputValue()).toBe('api_key_created');

    await page.getByLabel('Action').selectOption({ label: 'Export' });
    await page.getByRole('button', { name: 'Show' }).click();
    await expect.poll(() => page.getByText('No entries match this filter.').count(), { timeout: 15_000 }).toBe(1);
    await page.context().close();
  });

  it('renames the company and erases a customer after a confirm step, showing what was erased', async () => {
    const page = await signedInPage('/app/company?lang=en');
    const name = page.getByLabel('Company name');
    expect(await name.inputValue()).toBe('Erasing Bakery');
    await name.fill('   ');
    await page.getByRole('button', { name: 'Save the name' }).click();
    await expect.poll(() => page.locator('#company-name-error').textContent()).toBeTruthy();
    await name.fill('Rustaveli Bakery');
    await page.getByRole('button', { name: 'Save the name' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Saved' }).textContent(), { timeout: 15_000 }).toBe(
      'Saved: the company is now called “Rustaveli Bakery”.',
    );
    const company = await database.db.selectFrom('company').select('name').where('id', '=', survey.companyId).executeTakeFirstOrThrow();
    expect(company.name).toBe('Rustaveli Bakery');
    // The account menu names the company too, and follows the rename.
    await page.locator('details.account summary').click();
    await expect.poll(() => page.locator('details.account .panel').textContent()).toContain('Rustaveli Bakery');
    await page.locator('details.account summary').click();
    await page.reload();
    await expect.poll(() => page.getByLabel('Company name').inputValue(), { timeout: 15_000 }).toBe('Rustaveli Bakery');

    await page.getByLabel('Customer reference').fill('CARD-0042');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('#erase-confirm').textContent()).toBe('Erase all data of customer “CARD-0042”? This cannot be undone.');
    // Nothing is erased before the confirm step is answered; Cancel goes back to the field.
    expect(await countOf('response', 'CARD-0042')).toBe(2);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByLabel('Customer reference').waitFor();
    expect(await countOf('response', 'CARD-0042')).toBe(2);
    await page.getByLabel('Customer reference').fill('CARD-0042');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: 'Erase for good' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Erased' }).textContent(), { timeout: 15_000 }).toBe(
      'Erased for “CARD-0042” — responses: 2, invites: 1, purchases: 2.',
    );
    for (const table of ['response', 'invite', 'purchase'] as const) {
      expect(await countOf(table, 'CARD-0042')).toBe(0);
      expect(await countOf(table, 'CARD-0077')).toBeGreaterThan(0);
    }
    expect(await page.getByLabel('Customer reference').inputValue()).toBe('');
    await page.context().close();
  });

  it.each(['/app/api-keys', '/app/audit', '/app/company'])('has nothing for axe to flag on %s at 375 px, and no sideways scrolling', async (path) => {
    const page = await signedInPage(`${path}?lang=en`, 375);
    if (path === '/app/api-keys') {
      // With a key listed, its secret shown and a revoke being confirmed.
      await page.getByLabel('Name', { exact: true }).fill(`Phone key ${randomUUID().slice(0, 8)} with a rather long name for a narrow screen`);
      await page.getByLabel('Submit survey responses').check();
      await page.getByRole('button', { name: 'Create the key' }).click();
      await expect.poll(() => page.locator('#new-secret').inputValue(), { timeout: 15_000 }).toMatch(/^llk_/);
      await page.locator('li.key').getByRole('button', { name: /^Revoke/ }).first().click();
      await page.locator('li.key .confirm').waitFor();
    } else if (path === '/app/audit') {
      await page.locator('ol.entries > li').first().waitFor({ timeout: 15_000 });
    } else {
      await page.getByLabel('Customer reference').fill('CARD-0077');
      await page.getByRole('button', { name: 'Continue' }).click();
      await page.locator('#erase-confirm').waitFor();
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBe(0);
    await page.context().close();
  });
});
