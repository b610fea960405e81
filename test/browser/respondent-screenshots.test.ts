/**
 * Screenshots of every respondent state at 320, 375 and 1280 px in en, ru, et, ka, for a person to
 * look at (issue 16): each screen of the long check-up, a screen with an error, the thank-you, the
 * short survey, and the closed, expired, already answered and unknown pages. Not a check: it runs
 * only when asked, and writes the PNGs outside the repository's tracked files.
 *
 *   RESPONDENT_SCREENSHOTS=screenshots [RESPONDENT_SCREENSHOTS_ONLY=ka-320,ru-375] npx vitest run --project node test/browser/respondent-screenshots.test.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fullTemplate, shortTemplate } from '../../api/src/model/template.js';
import { surveySteps } from '../../api/src/model/steps.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { createSurvey } from '../helper.js';
import { serveWithChromium, type ServedApp } from './servedApp.js';

const outputDirectory = process.env.RESPONDENT_SCREENSHOTS;
/** e.g. `ka-320,ru-375`: only these language-width pairs (all by default). */
const only = process.env.RESPONDENT_SCREENSHOTS_ONLY?.split(',');
const LANGUAGES = ['en', 'ru', 'et', 'ka'] as const;
const WIDTHS = [320, 375, 1280];
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="160" height="40" viewBox="0 0 160 40"><rect width="40" height="40" rx="8" fill="#8a1c7c"/><text x="50" y="27" font-family="sans-serif" font-size="18" font-weight="700" fill="#3b0b35">Zerno</text></svg>`;

describe.skipIf(!outputDirectory)('respondent screenshots', () => {
  let database: TestDatabase;
  let served: ServedApp;
  let browser: Browser;
  let full: string;
  let short: string;

  beforeAll(async () => {
    fs.mkdirSync(outputDirectory!, { recursive: true });
    database = await openTestDatabase('pglite');
    const created = await createSurvey(database, fullTemplate(), { companyName: 'Kohvik Zerno' });
    full = created.surveyId;
    short = (await createSurvey(database, shortTemplate(), { companyName: 'Kohvik Zerno' })).surveyId;
    await database.db
      .updateTable('company')
      .set({ accent_color: '#8a1c7c', privacy_url: 'https://example.com/privacy', logo: Buffer.from(LOGO), logo_type: 'image/png', branding_updated_at: new Date() })
      .where('name', '=', 'Kohvik Zerno')
      .execute();
    served = await serveWithChromium(database);
    browser = served.browser;
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  async function newPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: width >= 1000 ? 900 : 700 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    // The logo route is the branding branch's: stand in for it with a picture.
    await page.route('**/api/logos/**', (route) => route.fulfill({ status: 200, contentType: 'image/svg+xml', body: LOGO }));
    page.on('pageerror', (error) => console.log(`page error: ${error.message}`));
    return page;
  }

  const shoot = (page: Page, name: string) => page.screenshot({ path: path.join(outputDirectory!, `${name}.png`), fullPage: true });

  async function answer(page: Page, id: string, type: string) {
    if (type === 'count') return page.locator(`#${id}-input`).fill('2');
    if (type === 'text') return page.locator(`#${id}-input`).fill('—');
    await page.locator(`input[name="${id}"]`).nth(1).check({ force: true });
  }

  it('shoots every state', { timeout: 1_800_000 }, async () => {
    const steps = surveySteps(fullTemplate());
    for (const language of LANGUAGES) {
      for (const width of WIDTHS) {
        const tag = `${language}-${width}`;
        if (only && !only.includes(tag)) continue;
        const page = await newPage(width);
        await page.goto(`${served.baseUrl}/s/${full}?lang=${language}`, { waitUntil: 'networkidle' });
        await page.locator('button[type="submit"]').click();
        await page.locator('.error').first().waitFor();
        await shoot(page, `${tag}-step1-error`);
        for (const [index, step] of steps.entries()) {
          for (const question of step.questions) if ((await page.locator(`[name="${question.id}"]`).count()) > 0) await answer(page, question.id, question.type);
          await page.evaluate('window.scrollTo(0, 0)');
          await shoot(page, `${tag}-step${index + 1}`);
          await page.locator('button[type="submit"]').click();
          await page.waitForTimeout(300);
        }
        await page.getByRole('status').waitFor();
        await shoot(page, `${tag}-thank-you`);
        await page.goto(`${served.baseUrl}/s/${short}?lang=${language}`, { waitUntil: 'networkidle' });
        await shoot(page, `${tag}-short`);
        for (const [state, status, code] of [['closed', 410, 'SURVEY_CLOSED'], ['expired', 410, 'INVITE_EXPIRED'], ['used', 409, 'INVITE_USED'], ['unknown', 404, 'INVITE_NOT_FOUND']] as const) {
          await page.route('**/api/s/i/**', (route) => route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: { code, message: code, fields: [] } }) }));
          await page.goto(`${served.baseUrl}/s/i/sometoken?lang=${language}`, { waitUntil: 'networkidle' });
          await shoot(page, `${tag}-${state}`);
          await page.unroute('**/api/s/i/**');
        }
        await page.context().close();
      }
    }
  });
});
