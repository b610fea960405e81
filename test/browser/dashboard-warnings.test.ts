import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fullTemplate } from '../../api/src/model/template.js';
import { warningText } from '../../api/src/model/warnings.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { createSurvey } from '../helper.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, signedInContext, type ServedApp } from './servedApp.js';

/** Five answers to the full check-up: few enough that the report warns in every card. */
const ANSWERS = [5, 4, 5, 2, 3].map((level, k) => ({
  sat_overall: level,
  sat_product: level,
  sat_service: 1 + ((k + 2) % 5),
  sat_price: 1 + ((k * 3) % 5),
  expectation: 'as_expected',
  recommend: [10, 9, 7, 3, 6][k]!,
  feel_loss: 1 + ((k + 1) % 5),
  speak_positively: level,
  repurchase: 1 + ((k + 3) % 5),
  share_of_wallet: 3,
  stay_vs_competitor: 1 + (k % 5),
  promo_decided: 'no',
  full_price_return: 4,
  had_problem: 'no',
  told_positive: 0,
  told_negative: k,
}));

describe.skipIf(!chromiumIsAvailable())('the dashboard’s warnings on a Russian page', () => {
  let database: TestDatabase;
  let app: FastifyInstance;
  let browser: Browser;
  let baseUrl: string;
  let served: ServedApp | undefined;
  let surveyId: string;
  let companyId: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    ({ surveyId, companyId } = await createSurvey(database, fullTemplate(), { companyName: 'Demo Coffee' }));
    served = await serveWithChromium(database);
    ({ app, baseUrl, browser } = served);
    for (const answers of ANSWERS) {
      const res = await app.inject({ method: 'POST', url: `/api/surveys/${surveyId}/responses`, payload: { clientSubmissionId: randomUUID(), language: 'ru', answers } });
      expect(res.statusCode, res.body).toBe(201);
    }
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  it('shows each card’s warnings in Russian, by code, and no English sentence', async () => {
    const context = await signedInContext(served!, database, companyId, 'manager', { viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app?survey=${surveyId}&lang=ru`);
    const nps = page.locator('section[aria-labelledby="nps-heading"]');
    await expect.poll(() => nps.getByRole('heading', { name: 'Предупреждения' }).count(), { timeout: 15_000 }).toBe(1);
    const smallSample = warningText({ code: 'SMALL_SAMPLE', params: { n: 5, min: 30 } }, 'ru');
    expect(await nps.locator('.warnings li').allTextContents()).toContain(smallSample);
    const inRussian = async () => {
      const texts = await page.locator('.warnings li').allTextContents();
      for (const text of texts) {
        expect(text, 'a warning in Russian').toMatch(/[а-яё]/i);
        expect(text).not.toMatch(/\b(answers|fewer|only|nobody|the)\b/i);
      }
      return texts.length;
    };
    expect(await inRussian()).toBeGreaterThan(0);

    // Word of mouth (on the recovery tab): nobody told anyone anything good, said as such, in its own card.
    await page.goto(`${baseUrl}/app/recovery?survey=${surveyId}&lang=ru`);
    const wom = page.locator('section[aria-labelledby="wom-heading"] .warnings li');
    await expect.poll(() => wom.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await wom.allTextContents()).toContain(warningText({ code: 'WOM_NO_POSITIVE', params: {} }, 'ru'));
    expect(await inRussian()).toBeGreaterThan(3);
    await context.close();
  });
});
