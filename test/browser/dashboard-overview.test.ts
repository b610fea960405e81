/**
 * The overview in Chromium over PGlite: the satisfaction × loyalty maps and the "satisfied is not
 * loyal" sentence, filters set in the UI surviving a reload and the back button with the report API's
 * figures, accessibility, phone widths in Russian and Georgian, and an unknown survey.
 */
import { randomUUID } from 'node:crypto';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../api/src/analytics/seededRandom.js';
import type { Answers, Language, SurveyDefinition } from '../../api/src/model/definition.js';
import { fullTemplate } from '../../api/src/model/template.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { createSurvey, randomAnswers, signedInMember } from '../helper.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, signedInContext, type ServedApp } from './servedApp.js';

const LANGUAGES: Language[] = ['en', 'ru', 'et', 'ka'];
const RESPONSES = 120;

interface Summary {
  responseCount: number;
  nps: { n: number; nps: number | null; ci95: { lower: number; upper: number } | null };
}
interface Report {
  report: { satisfactionLoyalty: { notLoyalAmongSatisfied: { n: number; share: number | null } | null } };
}

/** Random answers (some skipped), every required question answered. */
function answersWithRequired(definition: SurveyDefinition, random: () => number): Answers {
  const answers = randomAnswers(definition, random);
  for (const question of definition.questions) {
    if (!question.required || question.id in answers) continue;
    if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) continue;
    if (question.type === 'scale') answers[question.id] = question.max;
    else if (question.type === 'count') answers[question.id] = 0;
    else if (question.type === 'choice') answers[question.id] = question.options[0]!.value;
    else answers[question.id] = 'ok';
  }
  return answers;
}

describe.skipIf(!chromiumIsAvailable())('the dashboard’s overview', () => {
  let database: TestDatabase;
  let served: ServedApp | undefined;
  let surveyId: string;
  let companyId: string;
  let headers: Record<string, string>;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const definition = fullTemplate();
    ({ surveyId, companyId } = await createSurvey(database, definition, { companyName: 'Demo Coffee' }));
    served = await serveWithChromium(database);
    ({ headers } = await signedInMember(database, companyId, 'analyst'));
    const random = mulberry32(18);
    for (let k = 0; k < RESPONSES; k++) {
      const payload = { clientSubmissionId: randomUUID(), language: LANGUAGES[k % 4], answers: answersWithRequired(definition, random) };
      const res = await served.app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/responses`, payload });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  async function api<T>(path: 'summary' | 'report', pageUrl: string): Promise<T> {
    const query = new URL(pageUrl).searchParams;
    query.delete('survey');
    query.delete('lang');
    const res = await served!.app.inject({ url: `/api/surveys/${surveyId}/${path}?${query}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as T;
  }

  async function openPage(language: Language, width: number, search = '', ready = '#headline-heading'): Promise<Page> {
    const context = await signedInContext(served!, database, companyId, 'analyst', { viewport: { width, height: 900 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await page.goto(`${served!.baseUrl}/app?survey=${surveyId}&lang=${language}${search}`);
    await page.locator(ready).first().waitFor({ timeout: 15_000 });
    return page;
  }

  /** The page's figures equal the report API's for the page's own URL (English page). */
  async function expectApiFigures(page: Page): Promise<void> {
    const [summary, report] = await Promise.all([api<Summary>('summary', page.url()), api<Report>('report', page.url())]);
    const count = new Intl.NumberFormat('en');
    await expect.poll(() => page.getByTestId('responses').textContent()).toBe(count.format(summary.responseCount));
    if (summary.nps.nps !== null) {
      const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
      expect(await page.getByTestId('nps').textContent()).toContain(`NPS ${whole.format(summary.nps.nps)}`);
      expect(await page.getByTestId('nps').textContent()).toContain(`n = ${count.format(summary.nps.n)}`);
    }
    const notLoyal = report.report.satisfactionLoyalty.notLoyalAmongSatisfied;
    const sentence = await page.getByTestId('satisfied-not-loyal').textContent();
    if (notLoyal?.share != null) {
      const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 0 }).format(notLoyal.share);
      expect(sentence).toContain(`${percent} of the ${count.format(notLoyal.n)} satisfied customers are not loyal`);
    }
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined/);
  }

  it('draws both satisfaction × loyalty maps with their quarters and says how many satisfied customers are not loyal', async () => {
    const page = await openPage('en', 1280);
    const map = page.locator('section[aria-labelledby="map-heading"]');
    await expect.poll(() => map.getByRole('img').count()).toBe(2);
    await expect.poll(() => map.locator('svg.squares rect').count()).toBeGreaterThan(10);
    expect(await map.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['Satisfaction and attachment', 'Satisfaction and coming back']);
    expect(await map.locator('tbody th').allTextContents()).toContain('2Satisfied but not coming back: satisfied but not loyal');
    const sentence = await page.getByTestId('satisfied-not-loyal').textContent();
    expect(sentence).toMatch(/^\d+% of the \d+ satisfied customers are not loyal \(95% CI \d+–\d+%\)/);
    await expectApiFigures(page);
    // Every segment bar leads to that segment's respondents, keeping the survey and the language.
    const loyal = new URL(await page.locator('section[aria-labelledby="segments-heading"] a', { hasText: 'Loyal' }).first().getAttribute('href') ?? '', served!.baseUrl);
    expect(loyal.pathname).toBe('/app/respondents');
    expect(Object.fromEntries(loyal.searchParams)).toEqual({ survey: surveyId, lang: 'en', segment: 'loyal' });
    await page.context().close();
  });

  it('keeps filters set in the UI through a reload and the back button, with the report API’s figures for the same URL', async () => {
    const page = await openPage('en', 1280);
    const today = new Date().toISOString().slice(0, 10);
    await page.locator('select[name="language"]').selectOption('ru');
    await page.locator('input[name="from"]').fill(today);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('language') === 'ru' && url.searchParams.get('from') === today);
    expect(new URL(page.url()).searchParams.has('to'), 'an empty filter stays out of the URL').toBe(false);
    await expectApiFigures(page);
    const filtered = await page.getByTestId('responses').textContent();
    expect(Number(filtered?.replace(/\D/g, ''))).toBe(RESPONSES / 4);

    await page.reload();
    await page.locator('#headline-heading').waitFor();
    expect(await page.locator('select[name="language"]').inputValue()).toBe('ru');
    expect(await page.locator('input[name="from"]').inputValue()).toBe(today);
    await expectApiFigures(page);

    await page.locator('select[name="segment"]').selectOption('satisfied_not_loyal');
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL((url) => url.searchParams.get('segment') === 'satisfied_not_loyal');
    await expectApiFigures(page);

    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('segment') && url.searchParams.get('language') === 'ru');
    await expect.poll(() => page.locator('select[name="segment"]').inputValue()).toBe('');
    await expect.poll(() => page.getByTestId('responses').textContent()).toBe(filtered);
    await expectApiFigures(page);

    await page.getByRole('link', { name: 'Clear filters' }).click();
    await page.waitForURL((url) => !url.searchParams.has('language') && url.searchParams.get('survey') === surveyId);
    await expectApiFigures(page);
    await page.context().close();
  });

  it('names a refused filter in the page’s language and offers to clear it', async () => {
    const page = await openPage('ru', 1280, '&from=2026-12-01&to=2026-11-01', '[role="alert"]');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('Фильтр «');
    expect(await page.getByRole('alert').textContent()).not.toMatch(/query|must|after/i);
    expect(await page.getByRole('link', { name: 'Сбросить фильтры' }).count()).toBe(1);
    await page.context().close();
  });

  it('shows a filter that keeps nobody as a message, not a broken map or NaN', async () => {
    const page = await openPage('en', 1280, '&to=2000-01-01');
    await expect.poll(() => page.getByTestId('responses').textContent()).toBe('0');
    expect(await page.locator('section[aria-labelledby="map-heading"]').textContent()).toContain('Nobody has both scores yet');
    expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined|null/);
    await page.context().close();
  });

  it.each([
    ['en', 1280],
    ['en', 375],
    ['ka', 1280],
    ['ru', 375],
  ] as const)('has no axe violations in %s at %i px', async (language, width) => {
    const page = await openPage(language, width);
    await page.locator('section[aria-labelledby="nps-heading"] canvas').waitFor();
    const { violations } = await new AxeBuilder({ page }).analyze();
    expect(violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`)).toEqual([]);
    await page.context().close();
  });

  it.each([
    ['ru', 375],
    ['ru', 320],
    ['ka', 375],
    ['ka', 320],
  ] as const)('does not scroll sideways in %s at %i px', async (language, width) => {
    const page = await openPage(language, width);
    await page.locator('section[aria-labelledby="nps-heading"] canvas').waitFor();
    // Chart.js sizes its canvas after it loads; measure once it has.
    // Polled from the test, not waitForFunction: its string predicate runs through eval, which the app's CSP refuses.
    await expect
      .poll(() => page.evaluate('Boolean(document.querySelector(\'section[aria-labelledby="nps-heading"] canvas\')?.getAttribute("width"))'), { timeout: 15_000 })
      .toBe(true);
    expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
    await page.context().close();
  });

  it.each([
    ['ru', 'bogus', 'Опрос не найден'],
    ['ka', randomUUID(), 'გამოკითხვა ვერ მოიძებნა'],
    ['en', 'bogus', 'Survey not found'],
  ] as const)('says an unknown survey is not found in the page’s language (%s, %s)', async (language, id, title) => {
    const context = await signedInContext(served!, database, companyId, 'analyst', { viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${served!.baseUrl}/app?survey=${id}&lang=${language}`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe(title);
    const text = await page.locator('main').textContent();
    expect(text).not.toMatch(/\/params|\^\[|pattern|must match|SURVEY_NOT_FOUND/);
    expect(await page.evaluate('document.documentElement.lang')).toBe(language);
    const back = new URL((await page.locator('main a.button').getAttribute('href')) ?? '', served!.baseUrl);
    expect(back.pathname).toBe('/app');
    await context.close();
  });
});
