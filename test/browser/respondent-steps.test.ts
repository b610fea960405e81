/**
 * The respondent page in steps (issue 16): the long check-up on a phone in Russian with a reload
 * mid-way, every screen and state checked by axe and at 320 px, the short survey on one screen, one
 * response per browser, the company's branding.
 *
 * The states of invite links (expired, already answered, opened in the invite's language) and the
 * closed survey's 410 come from the real public routes (GET /api/s/:slug and /api/s/i/:token); the
 * state pages are also checked against the API's error bodies fed to the page.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullTemplate, shortTemplate } from '../../api/src/model/template.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { createSurvey } from '../helper.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, type ServedApp } from './servedApp.js';

type Answer = string | number;

/** The full check-up's answers, screen by screen (model/steps.ts surveySteps). */
const FULL_ANSWERS: [string, Answer][][] = [
  [['sat_overall', 4], ['sat_product', 5], ['sat_service', 4], ['sat_price', 3], ['expectation', 'as_expected']],
  [['recommend', 9], ['feel_loss', 4], ['speak_positively', 5]],
  [['repurchase', 5], ['share_of_wallet', 4], ['stay_vs_competitor', 3], ['promo_decided', 'no'], ['full_price_return', 4]],
  [['had_problem', 'yes'], ['problem_resolved', 'resolved'], ['gesture_received', 'yes']],
  [['told_positive', 3], ['told_negative', 0]],
  [['exp_fidelity', 4], ['exp_ownership', 3], ['exp_stability', 5], ['exp_consistency', 4], ['comment', 'Всё отлично, спасибо!']],
];

describe.skipIf(!chromiumIsAvailable())('the respondent page in steps', () => {
  let database: TestDatabase;
  let served: ServedApp;
  let browser: Browser;
  let baseUrl: string;
  let full: { companyId: string; surveyId: string };
  let short: { companyId: string; surveyId: string };

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    full = await createSurvey(database, fullTemplate(), { companyName: 'Кофейня Зерно' });
    short = await createSurvey(database, shortTemplate(), { companyName: 'Demo Coffee' });
    await database.db.updateTable('company').set({ accent_color: '#8a1c7c', privacy_url: 'https://example.com/privacy' }).where('id', '=', full.companyId).execute();
    served = await serveWithChromium(database);
    ({ baseUrl, browser } = served);
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });


  async function newPage(width = 375): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 812 }, isMobile: true, hasTouch: true });
    return context.newPage();
  }

  async function expectNoAxeViolations(page: Page, state: string) {
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), state).toEqual([]);
  }

  async function expectNoSidewaysScroll(page: Page, state: string) {
    // A string, so the node-side TypeScript (no DOM types) does not check browser globals.
    expect(await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'), state).toBe(0);
  }

  async function answer(page: Page, questionId: string, value: Answer) {
    const field = page.locator(`#${questionId}-input`);
    if ((await field.count()) > 0) await field.fill(String(value));
    else await page.locator('label', { has: page.locator(`input[name="${questionId}"][value="${value}"]`) }).click();
  }

  const stepLabel = (page: Page) => page.locator('#step-label');

  it('takes a customer through the full check-up in Russian at 375 px, surviving a reload mid-way', async () => {
    const page = await newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await page.goto(`${baseUrl}/s/${full.surveyId}?lang=ru`);
    await expect.poll(() => stepLabel(page).textContent(), { timeout: 15_000 }).toBe('Шаг 1 из 6');
    expect(await page.getByText('Примерно 4\u00a0минуты · 23\u00a0вопроса').count()).toBe(1);
    expect(await page.getByRole('progressbar', { name: 'Шаг 1 из 6' }).getAttribute('aria-valuenow')).toBe('1');
    expect(await page.getByRole('link', { name: 'Политика конфиденциальности' }).getAttribute('href')).toBe('https://example.com/privacy');

    for (const [index, screen] of FULL_ANSWERS.entries()) {
      await expectNoAxeViolations(page, `step ${index + 1}`);
      await expectNoSidewaysScroll(page, `step ${index + 1}`);
      for (const [id, value] of screen) await answer(page, id, value);
      if (index === 3) {
        // Mid-way: the reload keeps the screen, its answers and those of the screens before.
        await page.reload();
        await expect.poll(() => stepLabel(page).textContent(), { timeout: 15_000 }).toBe('Шаг 4 из 6');
        expect(await page.locator('input[name="problem_resolved"][value="resolved"]').isChecked()).toBe(true);
        await page.getByRole('button', { name: 'Назад' }).click();
        await expect.poll(() => stepLabel(page).textContent()).toBe('Шаг 3 из 6');
        expect(await page.locator('input[name="promo_decided"][value="no"]').isChecked()).toBe(true);
        await page.getByRole('button', { name: 'Далее' }).click();
        await expect.poll(() => stepLabel(page).textContent()).toBe('Шаг 4 из 6');
      }
      if (index < FULL_ANSWERS.length - 1) {
        await page.getByRole('button', { name: 'Далее' }).click();
        await expect.poll(() => stepLabel(page).textContent()).toBe(`Шаг ${index + 2} из 6`);
        // The new screen starts at its top, with "Step n of 6" focused for a screen reader.
        expect(await page.evaluate('document.activeElement?.id')).toBe('step-label');
      }
    }
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Спасибо! Ваши ответы получены.' }).count(), { timeout: 15_000 }).toBe(1);
    await expectNoAxeViolations(page, 'thank-you');

    const rows = await database.db
      .selectFrom('response')
      .innerJoin('survey_version', 'survey_version.id', 'response.survey_version_id')
      .select(['response.language', 'response.answers', 'survey_version.version'])
      .where('response.survey_id', '=', full.surveyId)
      .execute();
    expect(rows).toEqual([{ language: 'ru', version: 1, answers: Object.fromEntries(FULL_ANSWERS.flat()) }]);
    // Before the slug route exists, the page's first ask (/api/s/<id>) is a 404 and it asks by id.
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('checks only the screen shown on Next, and focuses the first question to fix', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/s/${full.surveyId}?lang=en`);
    await expect.poll(() => stepLabel(page).textContent(), { timeout: 15_000 }).toBe('Step 1 of 6');
    await answer(page, 'sat_product', 4);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => page.locator('#sat_overall-error').textContent()).toBe('Please answer this question.');
    expect(await page.locator('.error').count()).toBe(1); // recommend (required, screen 2) is not flagged yet
    expect(await page.evaluate('document.activeElement?.getAttribute("name")')).toBe('sat_overall');
    expect(await stepLabel(page).textContent()).toBe('Step 1 of 6');
    await expectNoAxeViolations(page, 'error');
    await answer(page, 'sat_overall', 5);
    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => stepLabel(page).textContent()).toBe('Step 2 of 6');
    await page.context().close();
  });

  it('fits every screen of the long survey on a 320 px phone in Georgian, without sideways scrolling', async () => {
    const page = await newPage(320);
    await page.goto(`${baseUrl}/s/${full.surveyId}?lang=ka`);
    await expect.poll(() => stepLabel(page).textContent(), { timeout: 15_000 }).toBe('ნაბიჯი 1 6-დან');
    for (const [index, screen] of FULL_ANSWERS.entries()) {
      await expectNoSidewaysScroll(page, `step ${index + 1}`);
      await expectNoAxeViolations(page, `step ${index + 1} at 320 px`);
      for (const [id, value] of screen) await answer(page, id, value);
      if (index < FULL_ANSWERS.length - 1) {
        await page.getByRole('button', { name: 'შემდეგი' }).click();
        await expect.poll(() => stepLabel(page).textContent()).toBe(`ნაბიჯი ${index + 2} 6-დან`);
      }
    }
    await page.context().close();
  });

  it('keeps the six-question survey on one screen, without progress bar or Next', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/s/${short.surveyId}?lang=et`);
    await expect.poll(() => page.getByRole('button', { name: 'Saada vastused' }).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('fieldset.question, div.question').count()).toBe(6);
    expect(await page.getByRole('progressbar').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Edasi' }).count()).toBe(0);
    expect(await page.getByText('Umbes 1\u00a0minut · 6\u00a0küsimust').count()).toBe(1);
    await page.context().close();
  });

  it('shows the thank-you again on a reload when the survey takes one response per browser', async () => {
    await database.db.updateTable('survey').set({ one_response_per_browser: true }).where('id', '=', short.surveyId).execute();
    const page = await newPage();
    await page.goto(`${baseUrl}/s/${short.surveyId}?lang=en`);
    for (const [id, value] of [['sat_overall', 5], ['recommend', 9], ['repurchase', 4], ['stay_vs_competitor', 4], ['promo_decided', 'no'], ['full_price_return', 5]] as const) {
      await answer(page, id, value);
    }
    await page.getByRole('button', { name: 'Send answers' }).click();
    const thanks = page.getByRole('heading', { name: 'Thank you! Your answers have been received.' });
    await expect.poll(() => thanks.count(), { timeout: 15_000 }).toBe(1);
    await page.reload();
    await expect.poll(() => thanks.count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('form').count()).toBe(0);
    await database.db.updateTable('survey').set({ one_response_per_browser: false }).where('id', '=', short.surveyId).execute();
    await page.context().close();
  });

  it('keeps the answers through a lost connection and sends them once on "Try again"', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/s/${short.surveyId}?lang=ru`);
    const answers = [['sat_overall', 2], ['recommend', 3], ['repurchase', 2], ['stay_vs_competitor', 1], ['promo_decided', 'yes'], ['full_price_return', 1]] as const;
    for (const [id, value] of answers) await answer(page, id, value);
    await page.route('**/responses', (route) => route.abort('internetdisconnected'));
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 15_000 }).toContain('Не удалось связаться с сервером');
    await expectNoAxeViolations(page, 'network error');
    // A reload while still offline keeps the answers; back online, "Try again" sends them.
    await page.reload();
    await expect.poll(() => page.locator('input[name="promo_decided"][value="yes"]').isChecked(), { timeout: 15_000 }).toBe(true);
    await page.getByRole('button', { name: 'Отправить ответы' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Попробовать ещё раз' }).count(), { timeout: 15_000 }).toBe(1);
    await page.unroute('**/responses');
    await page.getByRole('button', { name: 'Попробовать ещё раз' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Спасибо! Ваши ответы получены.' }).count(), { timeout: 15_000 }).toBe(1);
    const stored = await database.db.selectFrom('response').select('answers').where('survey_id', '=', short.surveyId).where('language', '=', 'ru').execute();
    expect(stored).toEqual([{ answers: Object.fromEntries(answers) }]);
    await page.context().close();
  });

  // The state pages as the contract's error bodies make them, in the respondent's language.
  const STATES = [
    { state: 'closed', status: 410, code: 'SURVEY_CLOSED', heading: { en: 'This survey is closed', ru: 'Опрос завершён', et: 'Küsitlus on lõppenud', ka: 'გამოკითხვა დასრულებულია' } },
    { state: 'expired', status: 410, code: 'INVITE_EXPIRED', heading: { en: 'This invitation has expired', ru: 'Срок действия приглашения истёк', et: 'Kutse on aegunud', ka: 'მოწვევას ვადა გაუვიდა' } },
    { state: 'already answered', status: 409, code: 'INVITE_USED', heading: { en: 'You have already answered — thank you', ru: 'Вы уже ответили — спасибо', et: 'Olete juba vastanud — aitäh', ka: 'თქვენ უკვე უპასუხეთ — გმადლობთ' } },
    { state: 'unknown', status: 404, code: 'INVITE_NOT_FOUND', heading: { en: 'Survey not found', ru: 'Опрос не найден', et: 'Küsitlust ei leitud', ka: 'გამოკითხვა ვერ მოიძებნა' } },
  ] as const;

  for (const { state, status, code, heading } of STATES) {
    it(`shows the ${state} page (${status} ${code}) in each language, accessible and 320 px wide`, async () => {
      const page = await newPage(320);
      await page.route('**/api/s/**', (route) =>
        route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: { code, message: 'as the API says', fields: [] } }) }),
      );
      for (const language of ['en', 'ru', 'et', 'ka'] as const) {
        await page.goto(`${baseUrl}/s/i/${randomBytes(18).toString('base64url')}?lang=${language}`);
        await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe(heading[language]);
        expect(await page.evaluate('document.documentElement.lang')).toBe(language);
        await expectNoAxeViolations(page, `${state} in ${language}`);
        await expectNoSidewaysScroll(page, `${state} in ${language}`);
      }
      await page.context().close();
    });
  }

  it('shows the unknown-link page for a slug nobody has', async () => {
    const page = await newPage();
    await page.goto(`${baseUrl}/s/no-such-survey?lang=ru`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Опрос не найден');
    await expectNoAxeViolations(page, 'unknown slug');
    await page.context().close();
  });

  async function insertInvite(values: { language?: 'et' | null; expiresAt?: Date | null; usedAt?: Date | null } = {}): Promise<string> {
    const token = randomBytes(18).toString('base64url');
    await database.db
      .insertInto('invite')
      .values({
        company_id: short.companyId,
        survey_id: short.surveyId,
        token,
        customer_ref: `customer-${token.slice(0, 6)}`,
        order_ref: `order-${token.slice(0, 6)}`,
        purchased_at: new Date('2026-11-30T10:00:00Z'),
        language: values.language ?? null,
        expires_at: values.expiresAt ?? null,
        used_at: values.usedAt ?? null,
      })
      .execute();
    return token;
  }

  it('opens an invite in its language and ties the response to the invite', async () => {
    const token = await insertInvite({ language: 'et' });
    const page = await newPage();
    await page.goto(`${baseUrl}/s/i/${token}`);
    await expect.poll(() => page.getByRole('button', { name: 'Saada vastused' }).count(), { timeout: 15_000 }).toBe(1);
    for (const [id, value] of [['sat_overall', 5], ['recommend', 9], ['repurchase', 4], ['stay_vs_competitor', 4], ['promo_decided', 'no'], ['full_price_return', 5]] as const) {
      await answer(page, id, value);
    }
    await page.getByRole('button', { name: 'Saada vastused' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Aitäh! Teie vastused on kätte saadud.' }).count(), { timeout: 15_000 }).toBe(1);
    const invite = await database.db.selectFrom('invite').select(['id', 'used_at']).where('token', '=', token).executeTakeFirstOrThrow();
    expect(invite.used_at).not.toBeNull();
    const response = await database.db.selectFrom('response').select(['language', 'invite_id']).where('invite_id', '=', invite.id).executeTakeFirstOrThrow();
    expect(response).toEqual({ language: 'et', invite_id: invite.id });
    // A reload: the invite is answered, so the page thanks instead of asking again.
    await page.reload();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('Olete juba vastanud — aitäh');
    await page.context().close();
  });

  it('shows the expired, already answered, closed and unknown pages from the real API', async () => {
    const page = await newPage();
    const cases = [
      { url: `/s/i/${await insertInvite({ expiresAt: new Date('2026-01-01T00:00:00Z') })}?lang=en`, heading: 'This invitation has expired' },
      { url: `/s/i/${await insertInvite({ usedAt: new Date() })}?lang=en`, heading: 'You have already answered — thank you' },
      { url: `/s/i/${randomBytes(18).toString('base64url')}?lang=en`, heading: 'Survey not found' },
    ];
    for (const { url, heading } of cases) {
      await page.goto(`${baseUrl}${url}`);
      await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe(heading);
      await expectNoAxeViolations(page, heading);
    }
    const closed = await createSurvey(database, shortTemplate(), { companyName: 'Closed Café' });
    await database.db.updateTable('survey').set({ status: 'closed' }).where('id', '=', closed.surveyId).execute();
    await page.goto(`${baseUrl}/s/${closed.surveyId}?lang=ka`);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent(), { timeout: 15_000 }).toBe('გამოკითხვა დასრულებულია');
    await expectNoAxeViolations(page, 'closed');
    await page.context().close();
  });
});
