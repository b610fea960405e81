/**
 * The dashboard on the seeded demo shows the planted story (issue 18; scripts/demo/story.ts): opened
 * with no survey in the URL it is the full check-up; the satisfied-not-loyal bar on the overview lies
 * within the generator's planted share and is the report API's; the retention tab has the loyal coming
 * back clearly more often than the satisfied-not-loyal, with the figures the API gives.
 */
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_COMPANY_ID, DEMO_FULL_SURVEY_ID, seedDemo } from '../../scripts/demo/seed.js';
import { storyPeriods } from '../../scripts/demo/story.js';
import { expectedFigures } from '../../scripts/population/index.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { apiKeyHeaders } from '../helper.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, signedInContext, type ServedApp } from './servedApp.js';

const FULL = 20_000;
/** The planted satisfied-not-loyal share of the classified over the year (each period by its respondents). */
const plantedSnl = storyPeriods(FULL).reduce((sum, period) => sum + period.n * expectedFigures(period.truths, 'full').segmentShares.satisfied_not_loyal, 0) / FULL;
const percentOf = (text: string) => Number(/(\d+(?:[.,]\d+)?)\s?%/.exec(text)![1]!.replace(',', '.')) / 100;

describe.skipIf(!chromiumIsAvailable())('the dashboard on the demo tells the planted story', () => {
  let database: TestDatabase;
  let served: ServedApp | undefined;
  let context: BrowserContext;
  let report: any;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await seedDemo(database.db, { responses: 200 });
    served = await serveWithChromium(database);
    const headers = await apiKeyHeaders(database, DEMO_COMPANY_ID);
    const res = await served.app.inject({ url: `/api/surveys/${DEMO_FULL_SURVEY_ID}/report`, headers });
    expect(res.statusCode, res.body).toBe(200);
    report = res.json();
    context = await signedInContext(served, database, DEMO_COMPANY_ID, 'analyst', { viewport: { width: 1280, height: 900 } });
  }, 600_000);
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  it('opens on the full check-up and shows the planted satisfied-not-loyal share, as the API gives it', async () => {
    const page = await context.newPage();
    await page.goto(`${served!.baseUrl}/app`);
    const segments = page.locator('section[aria-labelledby="segments-heading"]');
    const bar = segments.locator('a', { hasText: 'Satisfied but not loyal' }).first();
    await bar.waitFor({ timeout: 30_000 });
    expect(await page.locator('#survey-picker').inputValue()).toBe(DEMO_FULL_SURVEY_ID);
    const shown = percentOf((await bar.locator('.value').textContent())!);
    const api = report.report.segments.find((row: { segment: string }) => row.segment === 'satisfied_not_loyal').share;
    expect(Math.abs(shown - api.share)).toBeLessThan(0.0006);
    expect(api.ci95.lower).toBeLessThanOrEqual(plantedSnl);
    expect(api.ci95.upper).toBeGreaterThanOrEqual(plantedSnl);
    await page.close();
  });

  it('leads from a satisfaction level of the curve, a month of the trend and a recovery group to the respondents behind them', async () => {
    const page = await context.newPage();
    await page.goto(`${served!.baseUrl}/app/loyalty?survey=${DEMO_FULL_SURVEY_ID}&from=2026-01-01`);
    await page.getByRole('link', { name: 'Respondents with overall satisfaction 5' }).click();
    await page.waitForURL((url) => url.pathname === '/app/respondents' && url.searchParams.get('satisfactionLevel') === '5');
    // The page's filters come along.
    expect(new URL(page.url()).searchParams.get('from')).toBe('2026-01-01');
    await expect.poll(() => page.locator('tbody tr[data-respondent]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    // A month of the trend: its days, within the dates the page is filtered to.
    await page.goto(`${served!.baseUrl}/app/trend?survey=${DEMO_FULL_SURVEY_ID}&from=2026-01-10`);
    await page.locator('section[aria-labelledby="trend-heading"] tbody tr[data-period^="2026-01"] a').click();
    await page.waitForURL((url) => url.pathname === '/app/respondents');
    expect([new URL(page.url()).searchParams.get('from'), new URL(page.url()).searchParams.get('to')]).toEqual(['2026-01-10', '2026-01-31']);
    await expect.poll(() => page.locator('tbody tr[data-respondent]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.goto(`${served!.baseUrl}/app/recovery?survey=${DEMO_FULL_SURVEY_ID}`);
    await page.locator('a[href*="recoveryGroup=resolved"]').first().click();
    await page.waitForURL((url) => url.pathname === '/app/respondents' && url.searchParams.get('recoveryGroup') === 'resolved');
    await expect.poll(() => page.locator('tbody tr[data-respondent]').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.close();
  });

  it('shows on the retention tab the loyal coming back clearly more often than the satisfied-not-loyal', async () => {
    const retention = report.report.groupDifferences.retention.retained;
    expect(retention.shareA - retention.shareB).toBeGreaterThan(0.3);
    const page = await context.newPage();
    await page.goto(`${served!.baseUrl}/app/retention?survey=${DEMO_FULL_SURVEY_ID}`);
    const main = page.locator('main');
    await page.locator('main h2').first().waitFor({ timeout: 30_000 });
    const row = (name: string) => main.locator('tr', { has: page.locator('th', { hasText: name }) }).first();
    const shareCell = async (name: string) => (await row(name).locator('td').allTextContents()).find((text) => text.includes('%'))!;
    const loyal = percentOf(await shareCell('Loyal'));
    const notLoyal = percentOf(await shareCell('Satisfied but not loyal'));
    expect(Math.abs(loyal - retention.shareA)).toBeLessThan(0.0006);
    expect(Math.abs(notLoyal - retention.shareB)).toBeLessThan(0.0006);
    expect(loyal - notLoyal).toBeGreaterThan(0.3);
    await page.close();
  });
});
