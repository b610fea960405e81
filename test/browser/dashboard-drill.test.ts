/**
 * The dashboard's drill-down in Chromium over PGlite: the respondents behind a segment (rows equal
 * the API's page, sorting and paging through the URL), one respondent's answers with the question
 * texts in the page language and back to the same rows with the filters kept, the comments of a
 * segment, another company's respondent "not found", axe-core at 1280 and 375 px, no sideways
 * scroll at 375 and 320 px in Russian and Georgian, and no chart code on these pages.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullTemplate } from '../../api/src/model/template.js';
import { SEGMENT_NAMES } from '../../api/src/model/warnings.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { apiKeyHeaders, createSurvey } from '../helper.js';
import { seedScoredSurvey, type SeededSurvey } from '../reportFixture.js';
import { CHART_CODE } from './chartCode.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, signedInContext, type ServedApp } from './servedApp.js';

/** The page size of /app/respondents and /app/comments (respondents/drillUrl.ts PAGE_SIZE). */
const PAGE_SIZE = 25;

describe.skipIf(!chromiumIsAvailable())('drilling down from a segment to its respondents, one respondent and the comments', () => {
  let database: TestDatabase;
  let served: ServedApp | undefined;
  let browser: Browser;
  let baseUrl: string;
  let seeded: SeededSurvey;
  let other: SeededSurvey;
  let headers: { authorization: string };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    seeded = await seedScoredSurvey(database, 260, 31);
    other = await seedScoredSurvey(database, 3, 32, { companyName: 'Other Bakery' });
    headers = await apiKeyHeaders(database, seeded.companyId);
    served = await serveWithChromium(database);
    ({ browser, baseUrl } = served);
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  /** GET of the drill-down API as the company's server sees it. */
  async function api(path: string): Promise<any> {
    const res = await served!.app.inject({ url: `/api/surveys/${seeded.surveyId}/${path}`, headers });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  async function signedIn(width: number): Promise<BrowserContext> {
    return signedInContext(served!, database, seeded.companyId, 'manager', { viewport: { width, height: 900 } });
  }

  const appUrl = (path: string, query: string) => `${baseUrl}${path}?survey=${seeded.surveyId}&${query}`;
  const rowIds = (page: Page) => page.locator('tbody tr[data-respondent]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-respondent')));
  const commentIds = (page: Page) => page.locator('li[data-response]').evaluateAll((items) => items.map((item) => item.getAttribute('data-response')));
  const search = (page: Page) => new URL(page.url()).searchParams;

  async function rowsShown(page: Page, expected: string[]) {
    await expect.poll(() => rowIds(page), { timeout: 15_000 }).toEqual(expected);
  }

  it('lists the segment’s first page as the API does, sorts by a score and pages on and back', async () => {
    expect(seeded.respondents.filter((r) => r.segment === 'loyal').length, 'enough loyal respondents for two pages').toBeGreaterThan(PAGE_SIZE);
    const context = await signedIn(1280);
    const page = await context.newPage();
    await page.goto(appUrl('/app/respondents', 'segment=loyal&lang=en'));

    const first = await api(`respondents?segment=loyal&limit=${PAGE_SIZE}`);
    await rowsShown(page, first.items.map((item: any) => item.id));
    // Each row carries its stored scores, written with two decimals.
    const row = page.locator(`tr[data-respondent="${first.items[0].id}"]`);
    for (const score of ['S', 'E', 'B'] as const) {
      const value = first.items[0][score];
      expect(await row.locator(`td[data-score="${score}"]`).innerText()).toBe(value === null ? 'No score' : value.toFixed(2));
    }
    expect(await page.getByText('Showing:').innerText()).toContain('Loyal');

    // The S heading sorts from the highest score; a second click from the lowest.
    await page.locator('thead a', { hasText: 'Satisfaction (S)' }).click();
    await expect.poll(() => search(page).get('sort'), { timeout: 15_000 }).toBe('S');
    const byS = await api(`respondents?segment=loyal&sort=S&limit=${PAGE_SIZE}`);
    await rowsShown(page, byS.items.map((item: any) => item.id));
    expect(await page.locator('th[aria-sort="descending"]').innerText()).toContain('Satisfaction (S)');
    await page.locator('thead a', { hasText: 'Satisfaction (S)' }).click();
    await expect.poll(() => search(page).get('order'), { timeout: 15_000 }).toBe('asc');
    const bySAscending = await api(`respondents?segment=loyal&sort=S&order=asc&limit=${PAGE_SIZE}`);
    await rowsShown(page, bySAscending.items.map((item: any) => item.id));

    // The sort select does the same for the phone's cards.
    await page.getByLabel('Sort by').selectOption({ label: 'Return (B): highest first' });
    await page.getByRole('button', { name: 'Sort', exact: true }).click();
    await expect.poll(() => search(page).get('sort'), { timeout: 15_000 }).toBe('B');
    const byB = await api(`respondents?segment=loyal&sort=B&limit=${PAGE_SIZE}`);
    await rowsShown(page, byB.items.map((item: any) => item.id));

    // Next page: the API's second page; previous: the first again.
    expect(byB.nextCursor).not.toBeNull();
    await page.getByRole('link', { name: 'Next page' }).click();
    await expect.poll(() => search(page).get('cursor'), { timeout: 15_000 }).toBe(byB.nextCursor);
    const second = await api(`respondents?segment=loyal&sort=B&limit=${PAGE_SIZE}&cursor=${byB.nextCursor}`);
    await rowsShown(page, second.items.map((item: any) => item.id));
    expect(await page.getByText('Page 2', { exact: true }).count()).toBe(1);
    await page.getByRole('link', { name: 'Previous page' }).click();
    await rowsShown(page, byB.items.map((item: any) => item.id));
    expect(search(page).get('cursor')).toBeNull();

    // Every loyal respondent once over all the pages.
    const seen = new Set<string>();
    for (let pageNumber = 1; pageNumber < 10; pageNumber++) {
      for (const id of await rowIds(page)) seen.add(id!);
      const next = page.getByRole('link', { name: 'Next page' });
      if ((await next.count()) === 0) break;
      const before = await rowIds(page);
      await next.click();
      await expect.poll(() => rowIds(page), { timeout: 15_000 }).not.toEqual(before);
    }
    expect([...seen].sort()).toEqual(seeded.respondents.filter((r) => r.segment === 'loyal').map((r) => r.id).sort());
    expect(await page.getByText('This is the last page.').count()).toBe(1);
    await context.close();
  });

  it('opens one respondent with the question texts in the page language and goes back to the same rows, filters kept', async () => {
    const context = await signedIn(1280);
    const page = await context.newPage();
    await page.goto(appUrl('/app/respondents', 'segment=loyal&language=ru&sort=E&order=asc&lang=ru'));
    const listing = await api(`respondents?segment=loyal&language=ru&sort=E&order=asc&limit=${PAGE_SIZE}`);
    const ids = listing.items.map((item: any) => item.id);
    await rowsShown(page, ids);
    const listUrl = page.url();

    const chosen = seeded.respondents.find((r) => ids.includes(r.id) && r.customerRef !== null && r.recommend !== null) ?? seeded.respondents.find((r) => r.id === ids[0])!;
    await page.locator(`tr[data-respondent="${chosen.id}"] th a`).click();
    await page.waitForURL((url) => url.pathname === `/app/respondents/${chosen.id}`);
    const detail = await api(`respondents/${chosen.id}`);
    await expect.poll(() => page.locator('li[data-question]').count(), { timeout: 15_000 }).toBe(detail.answers.length);

    // Question texts in Russian, {company} filled in; the answer as given.
    const definition = fullTemplate();
    const recommend = definition.questions.find((question) => question.id === 'recommend')!;
    const recommendItem = page.locator('li[data-question="recommend"]');
    expect(await recommendItem.locator('.question').innerText()).toBe(recommend.text.ru.replaceAll('{company}', 'Filter Bakery'));
    if (chosen.recommend !== null) expect(await recommendItem.locator('.answer').innerText()).toMatch(new RegExp(`^${chosen.recommend} из 0–10`));
    const decimal = new Intl.NumberFormat('ru', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await page.locator('dd[data-score="S"]').innerText()).toBe(chosen.S === null ? 'Нет оценки' : decimal.format(chosen.S));
    expect(await page.getByText(SEGMENT_NAMES.ru.loyal, { exact: true }).count()).toBeGreaterThan(0);
    // Purchases of the customer and the invite, as the API lists them.
    if (detail.purchases.length > 0) expect(await page.locator('section[aria-labelledby="purchases-heading"] tbody tr').count()).toBe(detail.purchases.length);
    if (detail.invite) expect(await page.getByText(detail.invite.orderRef).count()).toBe(1);

    await page.locator('a[data-back]').click();
    await page.waitForURL((url) => url.pathname === '/app/respondents');
    await rowsShown(page, ids);
    const sorted = (url: string) => [...new URL(url).searchParams].sort((a, b) => a[0].localeCompare(b[0]));
    expect(sorted(page.url())).toEqual(sorted(listUrl));
    for (const [key, value] of [['segment', 'loyal'], ['language', 'ru'], ['sort', 'E'], ['order', 'asc'], ['lang', 'ru']] as const) expect(search(page).get(key)).toBe(value);
    // The browser's back button does the same.
    await page.locator(`tr[data-respondent="${ids[0]}"] th a`).click();
    await page.waitForURL((url) => url.pathname.startsWith('/app/respondents/'));
    await page.goBack();
    await rowsShown(page, ids);
    await context.close();
  });

  it('lists the comments of the chosen segment as the API does', async () => {
    const context = await signedIn(1280);
    const page = await context.newPage();
    await page.goto(appUrl('/app/comments', 'segment=defector&lang=ka'));
    const defectors = await api(`comments?segment=defector&limit=${PAGE_SIZE}`);
    expect(defectors.items.length).toBeGreaterThan(0);
    await expect.poll(() => commentIds(page), { timeout: 15_000 }).toEqual(defectors.items.map((item: any) => item.responseId));
    const segments = await page.locator('li[data-response]').evaluateAll((items) => items.map((item) => item.getAttribute('data-segment')));
    expect(new Set(segments)).toEqual(new Set(['defector']));
    expect(await page.locator('li[data-response] blockquote').first().innerText()).toBe(defectors.items[0].comments[0].text);

    await page.getByRole('link', { name: SEGMENT_NAMES.ka.loyal, exact: true }).click();
    await expect.poll(() => search(page).get('segment'), { timeout: 15_000 }).toBe('loyal');
    const loyal = await api(`comments?segment=loyal&limit=${PAGE_SIZE}`);
    await expect.poll(() => commentIds(page), { timeout: 15_000 }).toEqual(loyal.items.map((item: any) => item.responseId));

    // A comment leads to its respondent.
    await page.locator('li[data-response] a').first().click();
    await page.waitForURL((url) => url.pathname === `/app/respondents/${loyal.items[0].responseId}`);
    await expect.poll(() => page.locator('li[data-question="comment"] blockquote').innerText(), { timeout: 15_000 }).toBe(loyal.items[0].comments[0].text);
    await context.close();
  });

  it('says “not found” in the page language for another company’s respondent or an unknown one', async () => {
    const context = await signedIn(1280);
    const page = await context.newPage();
    for (const id of [other.respondents[0]!.id, randomUUID(), 'not-an-id']) {
      await page.goto(appUrl(`/app/respondents/${id}`, 'segment=loyal&lang=ka'));
      await expect.poll(() => page.locator('main h2').allInnerTexts(), { timeout: 15_000 }).toContain('რესპონდენტი ვერ მოიძებნა');
      const back = new URL(await page.getByRole('link', { name: 'რესპონდენტებთან დაბრუნება' }).getAttribute('href') ?? '', baseUrl);
      expect(back.pathname).toBe('/app/respondents');
      expect(back.searchParams.get('segment')).toBe('loyal');
    }
    expect(await page.locator('body').innerText()).not.toContain(other.respondents[0]!.id);
    await context.close();
  });

  it('names a refused parameter in the page language and offers the list without it', async () => {
    const context = await signedIn(1280);
    const page = await context.newPage();
    // A filter the report refuses (the layout's filter problem), a cell value and a cursor the listing refuses.
    for (const [query, parameter] of [['segment=fans', 'segment'], ['loyaltyType=fake', 'loyaltyType'], ['cursor=garbage', 'cursor']] as const) {
      await page.goto(appUrl('/app/respondents', `${query}&lang=ru`));
      const problem = page.locator('.drill .form-error');
      await expect.poll(() => problem.innerText(), { timeout: 15_000 }).toContain(`«${parameter}»`);
      // One alert: a refused filter is announced by the filter bar, the list only names it again.
      expect(await page.getByRole('alert').count()).toBe(1);
      await problem.getByRole('link', { name: 'Показать список без него' }).click();
      await expect.poll(() => search(page).get(parameter), { timeout: 15_000 }).toBeNull();
      await expect.poll(() => page.locator('tbody tr[data-respondent]').count(), { timeout: 15_000 }).toBe(PAGE_SIZE);
    }
    await context.close();
  });

  it('says that nobody has answered yet on a survey without responses, in respondents and comments', async () => {
    const empty = await createSurvey(database, fullTemplate(), { companyName: 'Empty Bakery' });
    const context = await signedInContext(served!, database, empty.companyId, 'manager', { viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app/respondents?survey=${empty.surveyId}&lang=ka`);
    await expect.poll(() => page.locator('.drill .empty').innerText(), { timeout: 15_000 }).toBe('ამ გამოკითხვას ჯერ არავინ უპასუხა. რესპონდენტები აქ გამოჩნდებიან, როგორც კი პასუხები მოვა.');
    await page.goto(`${baseUrl}/app/comments?survey=${empty.surveyId}&lang=ru`);
    await expect.poll(() => page.locator('.drill .empty').innerText(), { timeout: 15_000 }).toBe('Комментариев пока нет. Здесь появится то, что респонденты напишут своими словами.');
    await page.goto(`${baseUrl}/app/comments?survey=${empty.surveyId}&segment=loyal&lang=en`);
    await expect.poll(() => page.locator('.drill .empty').innerText(), { timeout: 15_000 }).toBe('No comments under these filters. Choose another segment or clear a filter.');
    expect(await page.locator('body').innerText()).not.toMatch(/NaN|undefined/);
    await context.close();
  });

  /** The three drill-down pages: the loyal respondents, one of them, the defectors' comments. */
  function drillPages(): [string, string, string][] {
    const respondent = seeded.respondents.find((r) => r.segment === 'loyal' && r.customerRef !== null && r.comment !== null) ?? seeded.respondents[0]!;
    return [
      ['respondents', '/app/respondents', 'segment=loyal'],
      ['one respondent', `/app/respondents/${respondent.id}`, 'segment=loyal'],
      ['comments', '/app/comments', 'segment=defector'],
    ];
  }

  async function ready(page: Page) {
    await page.waitForLoadState('networkidle');
    await expect.poll(() => page.locator('.drill, .respondent').count(), { timeout: 15_000 }).toBeGreaterThan(0);
  }

  for (const width of [1280, 375]) {
    it(`has no axe-core violations at ${width} px`, async () => {
      const context = await signedIn(width);
      const page = await context.newPage();
      for (const [name, path, query] of drillPages()) {
        for (const lang of ['en', 'ka']) {
          await page.goto(appUrl(path, `${query}&lang=${lang}`));
          await ready(page);
          const axe = await new AxeBuilder({ page }).analyze();
          expect(axe.violations.map((v) => `${name} ${lang}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
        }
      }
      await context.close();
    });
  }

  for (const width of [375, 320]) {
    it(`fits ${width} px in Russian and Georgian without sideways scrolling`, async () => {
      const context = await signedIn(width);
      const page = await context.newPage();
      for (const [name, path, query] of drillPages()) {
        for (const lang of ['ru', 'ka']) {
          await page.goto(appUrl(path, `${query}&lang=${lang}`));
          await ready(page);
          // A string, so the node-side TypeScript (no DOM types) does not check browser globals.
          const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
          expect(overflow, `${name} in ${lang} at ${width} px`).toBeLessThanOrEqual(0);
        }
      }
      await context.close();
    });
  }

  it('loads no chart code on the respondents, respondent and comments pages', async () => {
    const context = await signedIn(1280);
    const page = await context.newPage();
    const scripts: Promise<Buffer>[] = [];
    page.on('response', (response) => {
      if (response.request().resourceType() === 'script') scripts.push(response.body());
    });
    for (const [, path, query] of drillPages()) {
      await page.goto(appUrl(path, `${query}&lang=en`));
      await ready(page);
    }
    expect(scripts.length).toBeGreaterThan(0);
    for (const body of await Promise.all(scripts)) expect(body.toString('utf8')).not.toMatch(CHART_CODE);
    await context.close();
  });
});
