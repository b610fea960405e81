/**
 * The dashboard's tabs (trend, drivers, loyalty, recovery, expectations, retention, data quality) in
 * Chromium over the demo seed on PGlite: each shows the report API's figures for its own URL, the
 * trend's period and the change event compared around live in the URL (reload and back keep them),
 * axe finds nothing at 1280 and 375 px, nothing scrolls sideways at 375 and 320 px in Russian and
 * Georgian, and surveys with 0 and with 12 responses show a message and warnings, never NaN.
 * Expected texts are written here with Intl, not with the dashboard's own formatting functions.
 */
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Static } from 'typebox';
import type { SegmentReportResponse } from '../../api/src/reports/schemas.js';
import { fullTemplate } from '../../api/src/model/template.js';
import { DEMO_COMPANY_ID, DEMO_FULL_SURVEY_ID, seedDemo } from '../../scripts/demo/seed.js';
import { mulberry32 } from '../../scripts/population/random.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { buildTestApp, createSurvey, randomAnswers, signedInMember } from '../helper.js';
import { chromiumIsAvailable, launchChromium } from './chromium.js';
import { signedInContext, type ServedApp } from './servedApp.js';

/** Loops over every tab on a machine shared with other builds: minutes, not the default minute. */
const LOOP_TIMEOUT = 240_000;

type SurveyReport = Static<typeof SegmentReportResponse>;

const TABS = ['trend', 'drivers', 'loyalty', 'recovery', 'expectations', 'retention', 'quality'] as const;
type Tab = (typeof TABS)[number];

const percent = (share: number | null) =>
  share === null ? '—' : new Intl.NumberFormat('en', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
const count = (n: number) => new Intl.NumberFormat('en').format(n);
/** Random answers to the full check-up with every required question answered. */
function completeAnswers(random: () => number): Record<string, string | number> {
  const answers: Record<string, string | number> = { ...randomAnswers(fullTemplate(), random) };
  for (const question of fullTemplate().questions) {
    if (!question.required || question.showIf || answers[question.id] !== undefined) continue;
    if (question.type === 'scale') answers[question.id] = question.max;
    else if (question.type === 'count') answers[question.id] = 0;
    else if (question.type === 'choice') answers[question.id] = question.options[0]!.value;
  }
  return answers;
}

const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

describe.skipIf(!chromiumIsAvailable())('the dashboard’s tabs', () => {
  let database: TestDatabase;
  let served: ServedApp | undefined;
  let baseUrl: string;
  let demo: BrowserContext;
  const surveyId = DEMO_FULL_SURVEY_ID;
  let emptySurvey: { companyId: string; surveyId: string };
  let smallSurvey: { companyId: string; surveyId: string };
  let laterEventId: string;

  const tabUrl = (tab: Tab, query: Record<string, string> = {}, survey = surveyId) =>
    `${baseUrl}/app/${tab}?${new URLSearchParams({ survey, lang: 'en', ...query }).toString()}`;

  /** The report route's answer for the same survey and parameters as a tab's URL. */
  async function apiReport(context: BrowserContext, query: Record<string, string> = {}, survey = surveyId): Promise<SurveyReport> {
    const response = await context.request.get(`${baseUrl}/api/surveys/${survey}/report?${new URLSearchParams(query).toString()}`);
    expect(response.status()).toBe(200);
    return (await response.json()) as SurveyReport;
  }

  /** Waits for the tab's first card; a tab that never shows one fails with what the page says instead. */
  async function cardsShown(page: Page): Promise<void> {
    try {
      await page.locator('section.card h2').first().waitFor({ timeout: 30_000 });
    } catch (failure) {
      throw new Error(`${page.url()} shows no card: ${(await page.locator('body').innerText()).slice(0, 600)}`, { cause: failure });
    }
  }

  async function open(context: BrowserContext, url: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (failure) => {
      throw failure;
    });
    await page.goto(url);
    await cardsShown(page);
    return page;
  }

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    await seedDemo(database.db, { responses: 40, fullResponses: 500 });
    emptySurvey = await createSurvey(database, fullTemplate(), { companyName: 'Empty Café' });
    smallSurvey = await createSurvey(database, fullTemplate(), { companyName: 'Small Café' });
    // As serveWithChromium, without the 30 reports a minute: every tab here is a full page load with its
    // own report request, where an analyst moving between tabs loads the report once.
    const app = await buildTestApp(database, { web: true, env: { REPORT_RATE_LIMIT_PER_MINUTE: '0' } });
    baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await launchChromium();
    served = {
      app,
      baseUrl,
      browser,
      async close() {
        await browser.close();
        await app.close();
      },
    };
    const random = mulberry32(12);
    for (let k = 0; k < 12; k++) {
      const res = await served.app.inject({
        method: 'POST',
        url: `/api/surveys/${smallSurvey.surveyId}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers: completeAnswers(random) },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    // A second change event of the demo survey, so the before/after has one to choose.
    const { headers } = await signedInMember(database, DEMO_COMPANY_ID, 'analyst');
    const created = await served.app.inject({
      method: 'POST',
      url: '/api/change-events',
      headers,
      payload: { title: 'Loyalty card relaunch', occurredAt: '2026-05-01', surveyId },
    });
    expect(created.statusCode, created.body).toBe(201);
    laterEventId = (created.json() as { changeEvent: { id: string } }).changeEvent.id;
    demo = await signedInContext(served, database, DEMO_COMPANY_ID, 'analyst', { viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  });
  afterAll(async () => {
    await demo?.close();
    await served?.close();
    await database?.close();
  });

  it('shows on the trend tab the API’s periods, their n and shares, with small periods marked', async () => {
    const query = { period: 'week', language: 'en' };
    const [page, report] = await Promise.all([open(demo, tabUrl('trend', query)), apiReport(demo, query)]);
    const rows = page.locator('section[aria-labelledby="trend-heading"] tbody tr');
    expect(await rows.count()).toBe(report.trend.points.length);
    expect(report.trend.points.length).toBeGreaterThan(10);
    for (const index of [0, Math.floor(report.trend.points.length / 2)]) {
      const point = report.trend.points[index]!;
      const row = page.locator(`tr[data-period="${point.start}"]`);
      const cells = await row.locator('td').allTextContents();
      expect(cells[0]).toBe(count(point.n));
      if (point.loyal.share !== null) expect(cells[4]).toContain(percent(point.loyal.share));
      expect(cells[6]).toBe(point.belowMinimum ? `Fewer than ${report.trend.minimumN} respondents` : '');
    }
    expect(await page.locator('#trend-shares-title').textContent()).toContain('by week');
    await page.close();
  });

  it('shows on the drivers tab the API’s R² per outcome and the S–E link with its p-value', async () => {
    const [page, report] = await Promise.all([open(demo, tabUrl('drivers')), apiReport(demo)]);
    const rSquared = await page.locator('section[aria-labelledby="drivers-heading"] tfoot tr').first().locator('td').allTextContents();
    expect(rSquared).toEqual(report.report.drivers.models.map((model) => (model.result.rSquared === null ? expect.any(String) : model.result.rSquared.toFixed(2))));
    const pearson = report.report.satisfactionLoyalty.emotional!.pearson;
    const link = await page.locator('[data-comparison="link-emotional"]').textContent();
    expect(link).toContain(`r = ${pearson.r!.toFixed(2)}`);
    expect(link).toContain(pText(pearson.pValue!));
    await page.close();
  });

  it('shows on the loyalty tab the curve’s counts and the satisfied-against-not test', async () => {
    const [page, report] = await Promise.all([open(demo, tabUrl('loyalty')), apiReport(demo)]);
    const rows = page.locator('section[aria-labelledby="curve-heading"] tbody tr');
    const points = report.report.satisfactionCurve.points;
    expect(await rows.count()).toBe(points.length);
    for (const [index, point] of points.entries()) {
      const cells = await rows.nth(index).locator('td').allTextContents();
      expect(cells[0]).toBe(count(point.loyal.n + point.unclassified));
      expect(cells[2]).toContain(percent(point.loyal.share));
    }
    const test = report.report.satisfactionLoyalty.emotional!;
    expect(await page.locator('[data-comparison="satisfied-emotional"]').textContent()).toContain(pText(test.chiSquare.pValue!));
    await page.close();
  });

  it('shows on the recovery tab the resolved-against-no-problem tests and the word-of-mouth ratio', async () => {
    const [page, report] = await Promise.all([open(demo, tabUrl('recovery')), apiReport(demo)]);
    const loyal = report.report.groupDifferences.recovery!.loyalShare;
    const text = await page.locator('[data-comparison="recovery-loyal"]').textContent();
    expect(text).toContain(`${percent(loyal.shareA)} (n = ${count(loyal.nA)})`);
    expect(text).toContain(`${percent(loyal.shareB)} (n = ${count(loyal.nB)})`);
    expect(text).toContain(pText(loyal.pValue!));
    expect(text).toMatch(loyal.pValue! < 0.05 ? /The difference is clear/ : /could be chance/);
    const ratio = report.report.wordOfMouth.overall.ratio.ratio!;
    expect(await page.locator('[data-comparison="wom-all"]').textContent()).toContain(`${ratio.toFixed(1)} times`);
    await page.close();
  });

  it('shows on the retention tab the loyal-against-satisfied-not-loyal test', async () => {
    const [page, report] = await Promise.all([open(demo, tabUrl('retention')), apiReport(demo)]);
    const test = report.report.groupDifferences.retention!.retained;
    const text = await page.locator('[data-comparison="retention-loyal-snl"]').textContent();
    expect(text).toContain(`${percent(test.shareA)} (n = ${count(test.nA)})`);
    expect(text).toContain(pText(test.pValue!));
    await page.close();
  });

  it('shows on the quality tab each question’s shown count and unanswered share', async () => {
    const [page, report] = await Promise.all([open(demo, tabUrl('quality')), apiReport(demo)]);
    for (const item of report.report.itemNonResponse.items.slice(0, 6)) {
      const cells = await page.locator(`tr[data-item="${item.item}"] td`).allTextContents();
      expect(cells[0]).toBe(count(item.asked));
      expect(cells[1]).toContain(percent(item.skipped.share));
    }
    await page.close();
  });

  it('keeps the trend’s period in the URL through a reload and the back button', async () => {
    const page = await open(demo, tabUrl('trend'));
    expect(await page.locator('#trend-period').inputValue()).toBe('month');
    await page.locator('#trend-period').selectOption('week');
    await page.locator('#trend-period ~ button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('period') === 'week');
    expect(new URL(page.url()).searchParams.get('survey')).toBe(surveyId);
    const weeks = (await apiReport(demo, { period: 'week' })).trend.points;
    await expect.poll(() => page.locator('section[aria-labelledby="trend-heading"] tbody tr').count()).toBe(weeks.length);
    await page.reload();
    expect(await page.locator('#trend-period').inputValue()).toBe('week');
    expect(await page.locator('section[aria-labelledby="trend-heading"] tbody tr').count()).toBe(weeks.length);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('period'));
    await expect.poll(() => page.locator('#trend-period').inputValue()).toBe('month');
    await page.close();
  });

  it('compares before and after the chosen change event, kept in the URL through a reload and the back button', async () => {
    const page = await open(demo, tabUrl('expectations'));
    const latest = (await apiReport(demo)).changeEvents.find((event) => event.chosen)!;
    expect(await page.locator('#change-event').inputValue()).toBe(latest.id);
    await page.locator('#change-event').selectOption(laterEventId);
    await page.locator('#change-event ~ button[type="submit"]').click();
    await page.waitForURL((url) => url.searchParams.get('event') === laterEventId);
    const report = await apiReport(demo, { event: laterEventId });
    const intro = page.locator('section[aria-labelledby="change-heading"] .intro');
    await expect.poll(() => intro.textContent()).toContain('Loyalty card relaunch');
    const loyal = report.report.changeEvent!.loyalShareDifference;
    const text = await page.locator('[data-comparison="change-loyal"]').textContent();
    expect(text).toContain(`${percent(loyal.shareA)} (n = ${count(loyal.nA)})`);
    expect(text).toContain(pText(loyal.pValue!));
    await page.reload();
    expect(await page.locator('#change-event').inputValue()).toBe(laterEventId);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('event'));
    await expect.poll(() => page.locator('#change-event').inputValue()).toBe(latest.id);
    await page.close();
  });

  it.each([1280, 375])('has nothing for axe to flag on any tab at %i px', async (width) => {
    const page = await demo.newPage();
    await page.setViewportSize({ width, height: 900 });
    for (const tab of TABS) {
      await page.goto(tabUrl(tab));
      await cardsShown(page);
      await page.waitForLoadState('networkidle');
      const violations = (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${tab}: ${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
      expect(violations).toEqual([]);
    }
    await page.close();
  }, LOOP_TIMEOUT);

  it.each(['ru', 'ka'])('does not scroll sideways at 375 or 320 px on any tab in %s', async (language) => {
    const page = await demo.newPage();
    for (const width of [375, 320]) {
      await page.setViewportSize({ width, height: 800 });
      for (const tab of TABS) {
        await page.goto(tabUrl(tab, { lang: language }));
        await cardsShown(page);
        await page.waitForLoadState('networkidle');
        const [scrollWidth, innerWidth] = (await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]')) as [number, number];
        expect(scrollWidth, `${tab} at ${width} px in ${language}`).toBeLessThanOrEqual(innerWidth);
      }
    }
    await page.close();
  }, LOOP_TIMEOUT);

  it.each([
    ['no responses', () => emptySurvey, 'There are no responses under these filters yet'],
    ['12 responses', () => smallSurvey, 'Warnings'],
  ] as const)('says what is missing on every tab of a survey with %s, with warnings and no NaN', async (_name, survey, expected) => {
    const { companyId, surveyId: id } = survey();
    const context = await signedInContext(served!, database, companyId, 'analyst', { viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    const failures: string[] = [];
    page.on('pageerror', (failure) => failures.push(failure.message));
    for (const tab of TABS) {
      await page.goto(tabUrl(tab, {}, id));
      await cardsShown(page);
      await page.waitForLoadState('networkidle');
      const text = await page.locator('main.dashboard').innerText();
      // Retention has no purchase history to show for these surveys, and says so instead.
      expect(text, tab).toContain(tab === 'retention' && expected === 'Warnings' ? 'No purchase history imported yet' : expected);
      if (expected !== 'Warnings') expect(text, tab).not.toContain('Not asked in this survey');
      expect(text, tab).not.toMatch(/NaN|undefined|Infinity/);
      if (expected === 'Warnings' && tab !== 'retention') expect(await page.locator('.warnings li').count(), tab).toBeGreaterThan(0);
    }
    expect(failures).toEqual([]);
    await context.close();
  }, LOOP_TIMEOUT);
});
