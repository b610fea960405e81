import { AxeBuilder } from '@axe-core/playwright';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shortTemplate } from '../../api/src/model/template.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { createSurvey } from '../helper.js';
import { CHART_CODE } from './chartCode.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, type ServedApp } from './servedApp.js';

describe.skipIf(!chromiumIsAvailable())('a customer answering the short survey on a phone', () => {
  let database: TestDatabase;
  let browser: Browser;
  let baseUrl: string;
  let served: ServedApp | undefined;
  let surveyId: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    surveyId = (await createSurvey(database, shortTemplate(), { companyName: 'Demo Coffee' })).surveyId;
    served = await serveWithChromium(database);
    ({ baseUrl, browser } = served);
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  async function phonePage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
    return context.newPage();
  }

  async function choose(page: Page, questionId: string, value: string | number) {
    await page.locator('label', { has: page.locator(`input[name="${questionId}"][value="${value}"]`) }).click();
  }

  it('answers, submits, sees the thank-you text, and the response is in the database', async () => {
    const page = await phonePage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${baseUrl}/s/${surveyId}?lang=en`);
    // The first page of a run can take seconds on a loaded 2-core machine; the default second is not a budget.
    await expect.poll(() => page.getByText('Demo Coffee', { exact: false }).count(), { timeout: 15_000 }).toBeGreaterThan(0);

    const axeBefore = await new AxeBuilder({ page }).analyze();
    expect(axeBefore.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

    await choose(page, 'sat_overall', 5);
    await choose(page, 'recommend', 9);
    await choose(page, 'repurchase', 4);
    await choose(page, 'stay_vs_competitor', 4);
    await choose(page, 'promo_decided', 'no');
    await choose(page, 'full_price_return', 5);
    await page.getByRole('button', { name: /submit|send/i }).click();

    await expect.poll(() => page.getByText('Thank you! Your answers have been received.').count(), { timeout: 15_000 }).toBe(1);
    const axeAfter = await new AxeBuilder({ page }).analyze();
    expect(axeAfter.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    expect(consoleErrors).toEqual([]);

    const rows = await database.db.selectFrom('response').select(['answers', 'language']).where('survey_id', '=', surveyId).execute();
    expect(rows).toEqual([
      {
        language: 'en',
        answers: { sat_overall: 5, recommend: 9, repurchase: 4, stay_vs_competitor: 4, promo_decided: 'no', full_price_return: 5 },
      },
    ]);
    await page.context().close();
  });

  it('loads at most 60 KB of gzipped JavaScript (DESIGN.md budget) and no chart code', async () => {
    const page = await phonePage();
    const scripts: { url: string; body: Promise<Buffer> }[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push({ url: response.url(), body: response.body() });
    });
    await page.goto(`${baseUrl}/s/${surveyId}?lang=ka`, { waitUntil: 'networkidle' });
    let gzippedBytes = 0;
    for (const script of scripts) {
      const body = await script.body;
      expect(body.toString('utf8')).not.toMatch(CHART_CODE);
      gzippedBytes += gzipSync(body, { level: 9 }).length;
    }
    expect(scripts.length).toBeGreaterThan(0);
    // The marker finds Chart.js in the built app (the dashboard's chunk), so its absence above means something.
    const chunks = path.join(import.meta.dirname, '..', '..', 'web', 'build', '_app', 'immutable', 'chunks');
    expect(readdirSync(chunks).some((name) => CHART_CODE.test(readFileSync(path.join(chunks, name), 'utf8')))).toBe(true);
    console.log(`respondent page: ${scripts.length} scripts, ${gzippedBytes} bytes gzipped`);
    expect(gzippedBytes).toBeLessThanOrEqual(60_000);
    await page.context().close();
  });

  it('fits a 320 px screen without sideways scrolling', async () => {
    const context = await browser.newContext({ viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/s/${surveyId}?lang=ka`, { waitUntil: 'networkidle' });
    // A string, so the node-side TypeScript (no DOM types) does not check browser globals.
    const overflow = await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth');
    expect(overflow).toBe(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });

  it('names the missing required answers instead of submitting', async () => {
    const page = await phonePage();
    await page.goto(`${baseUrl}/s/${surveyId}?lang=en`);
    await choose(page, 'sat_overall', 3);
    const before = await database.db.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    await page.getByRole('button', { name: /submit|send/i }).click();
    await expect.poll(() => page.locator('[aria-invalid="true"], .error, [role="alert"]').count()).toBeGreaterThan(0);
    const after = await database.db.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    await page.context().close();
  });

  it('words the server\'s coded field errors in the page language, and again after switching language', async () => {
    const page = await phonePage();
    // The page runs the server's own check first, so a refusal is staged: the body the API sends.
    await page.route('**/responses', (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({
          error: {
            code: 'INVALID_ANSWERS',
            message: 'Answer recommend must be from 0 to 10.',
            fields: [{ path: '/answers/recommend', message: 'must be from 0 to 10', code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } }],
          },
        }),
      }),
    );
    await page.goto(`${baseUrl}/s/${surveyId}?lang=ru`);
    for (const [id, value] of [['sat_overall', 5], ['recommend', 9], ['repurchase', 4], ['stay_vs_competitor', 4], ['promo_decided', 'no'], ['full_price_return', 5]] as const) {
      await choose(page, id, value);
    }
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    const recommendError = page.locator('#recommend-error');
    await expect.poll(() => recommendError.textContent(), { timeout: 15_000 }).toBe('Укажите число от 0 до 10.');
    expect(await page.locator('[role="alert"]').textContent()).toBe('Некоторые ответы требуют внимания. Проверьте выделенные вопросы.');
    await page.locator('a[hreflang="ka"]').click();
    await expect.poll(() => recommendError.textContent(), { timeout: 15_000 }).toBe('მიუთითეთ რიცხვი 0-დან 10-მდე.');
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await page.context().close();
  });
});
