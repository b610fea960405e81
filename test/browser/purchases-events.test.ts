/**
 * /app/purchases and /app/events against the real API in Chromium: a CSV uploaded through the file
 * input shows its counts and joins the history, a bad file lists its lines, a change event is added,
 * edited and deleted, and both pages have nothing for axe to flag at 375 and 1280 px in en, ru and ka.
 * With PURCHASE_SCREENSHOTS=<directory> each page is also saved there per language and width.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortTemplate } from '../../api/src/model/template.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { createSurvey } from '../helper.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, signedInContext, type ServedApp } from './servedApp.js';

const screenshots = process.env.PURCHASE_SCREENSHOTS;
const GOOD_CSV = 'customer_ref,order_ref,purchased_at,amount,currency,channel\nCARD-1,R-1,2026-03-01,12.50,EUR,store\nCARD-2,R-2,2026-03-02T10:00:00Z,3,,web\nCARD-1,R-3,2026-03-05,7.20,EUR,store\n';
const BAD_CSV = 'customer_ref,order_ref,purchased_at,amount\nCARD-1,R-9,2026-02-30,1\nCARD-2,R-10,2026-03-01,-4\n';

describe.skipIf(!chromiumIsAvailable())('the purchase and change event pages in the browser', () => {
  let database: TestDatabase;
  let served: ServedApp;
  let survey: Awaited<ReturnType<typeof createSurvey>>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    survey = await createSurvey(database, shortTemplate(), { companyName: 'Import Bakery' });
    served = await serveWithChromium(database);
    if (screenshots) fs.mkdirSync(screenshots, { recursive: true });
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  async function analystPage(url: string, width = 1280): Promise<Page> {
    const context = await signedInContext(served, database, survey.companyId, 'analyst', { viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${served.baseUrl}${url}`);
    await page.locator('main h1').waitFor({ timeout: 15_000 });
    return page;
  }

  async function axeViolations(page: Page): Promise<string[]> {
    return (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  }

  it('uploads a CSV through the file input, shows the counts and the history, and lists the lines of a bad file', async () => {
    const page = await analystPage('/app/purchases?lang=en');
    await page.getByLabel('CSV file').setInputFiles({ name: 'march.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Imported' }).textContent(), { timeout: 20_000 }).toBe('Imported 3 rows: 3 new purchases, 0 already stored.');
    await expect.poll(() => page.locator('.imports li').first().textContent(), { timeout: 10_000 }).toContain('march.csv');
    const stored = await database.db.selectFrom('purchase').select('external_id').where('company_id', '=', survey.companyId).orderBy('external_id').execute();
    expect(stored.map((row) => row.external_id)).toEqual(['R-1', 'R-2', 'R-3']);

    await page.getByLabel('CSV file').setInputFiles({ name: 'march.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV) });
    await page.getByRole('button', { name: 'Upload' }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Nothing new' }).count(), { timeout: 20_000 }).toBe(1);

    await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    await page.getByRole('button', { name: 'Upload' }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain('Nothing was imported: the file has 2 problems.');
    expect(await alert.locator('li').allTextContents()).toEqual([
      'Line 2, purchased_at: is not a date such as 2026-03-01 or 2026-03-01T09:30:00Z',
      'Line 3, amount: is not an amount of at least 0 with at most two decimals after a dot, such as 12.50',
    ]);
    expect(await axeViolations(page)).toEqual([]);
  });

  it('adds, edits and deletes a change event', async () => {
    const page = await analystPage('/app/events?lang=en');
    await page.getByLabel('What changed').fill('New recipe');
    await page.getByLabel('Date').fill('2026-03-01');
    await page.getByLabel('Details').fill('Less sugar in the buns');
    await page.getByRole('button', { name: 'Add the event' }).click();
    await expect.poll(() => page.locator('#events-notice').textContent(), { timeout: 15_000 }).toBe('The event “New recipe” was added.');
    const item = page.locator('li.event').filter({ has: page.getByRole('heading', { name: 'New recipe' }) });
    expect(await item.textContent()).toContain('Less sugar in the buns');

    await page.getByRole('button', { name: 'Edit “New recipe”' }).click();
    const editTitle = page.locator('li.event').getByLabel('What changed');
    await editTitle.fill('New recipe (less sugar)');
    await page.locator('li.event').getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('#events-notice').textContent(), { timeout: 15_000 }).toBe('The changes to “New recipe (less sugar)” were saved.');
    const rows = await database.db.selectFrom('change_event').select(['title', 'description']).where('company_id', '=', survey.companyId).execute();
    expect(rows).toEqual([{ title: 'New recipe (less sugar)', description: 'Less sugar in the buns' }]);

    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Delete “New recipe (less sugar)”' }).click();
    await expect.poll(() => page.locator('#events-notice').textContent(), { timeout: 15_000 }).toBe('The event “New recipe (less sugar)” was deleted.');
    expect(await database.db.selectFrom('change_event').select('id').where('company_id', '=', survey.companyId).execute()).toEqual([]);
  });

  it('has nothing for axe to flag on either page at 375 and 1280 px in en, ru and ka', { timeout: 240_000 }, async () => {
    await database.db.insertInto('change_event').values({ company_id: survey.companyId, survey_id: survey.surveyId, title: 'Price rise', description: 'Coffee +10%', occurred_at: new Date('2026-02-01') }).execute();
    const problems: string[] = [];
    for (const language of ['en', 'ru', 'ka']) {
      for (const width of [375, 1280]) {
        for (const pagePath of ['purchases', 'events']) {
          const page = await analystPage(`/app/${pagePath}?lang=${language}`, width);
          if (pagePath === 'purchases') {
            await page.locator('input[type=file]').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
            await page.locator('main form button[type=submit]').click();
            await page.getByRole('alert').waitFor({ timeout: 20_000 });
          }
          for (const violation of await axeViolations(page)) problems.push(`${pagePath} ${language} ${width}: ${violation}`);
          const overflow = Number(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'));
          if (overflow > 0) problems.push(`${pagePath} ${language} ${width}: ${overflow} px wider than the window`);
          if (screenshots) await page.screenshot({ path: path.join(screenshots, `${pagePath}-${language}-${width}.png`), fullPage: true });
          await page.context().close();
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
