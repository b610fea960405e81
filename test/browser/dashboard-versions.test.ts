/**
 * The dashboard of a survey answered in two versions, with unclassified respondents: the Responses
 * card counts each version and carries the versions warnings, the segments keep unclassified apart
 * from the classified 100%, and axe finds nothing to fix — in English and in Russian.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answers, SurveyDefinition } from '../../api/src/model/definition.js';
import { shortTemplate } from '../../api/src/model/template.js';
import { openTestDatabase, type TestDatabase } from '../databases.js';
import { createSurvey } from '../helper.js';
import { chromiumIsAvailable } from './chromium.js';
import { serveWithChromium, signedInContext, type ServedApp } from './servedApp.js';

/** Version 1 rated overall satisfaction on 1–7; version 2 is the short template. */
function firstVersion(): SurveyDefinition {
  const definition = shortTemplate();
  return { ...definition, questions: definition.questions.map((q) => (q.id === 'sat_overall' && q.type === 'scale' ? { ...q, max: 7 } : q)) };
}

async function insertResponse(database: TestDatabase, companyId: string, surveyId: string, versionId: string, answers: Answers) {
  await database.db
    .insertInto('response')
    .values({ company_id: companyId, survey_id: surveyId, survey_version_id: versionId, client_submission_id: crypto.randomUUID(), language: 'en', answers: JSON.stringify(answers) })
    .execute();
}

describe.skipIf(!chromiumIsAvailable())('the dashboard of a survey with two versions', () => {
  let database: TestDatabase;
  let baseUrl: string;
  let served: ServedApp | undefined;
  let surveyId: string;
  let companyId: string;

  beforeAll(async () => {
    database = await openTestDatabase('pglite');
    const created = await createSurvey(database, firstVersion(), { companyName: 'Demo Coffee' });
    surveyId = created.surveyId;
    companyId = created.companyId;
    const version1: Answers[] = [
      { sat_overall: 7, recommend: 10, repurchase: 5, stay_vs_competitor: 5, promo_decided: 'no' },
      { sat_overall: 6, recommend: 9, repurchase: 2, stay_vs_competitor: 1, promo_decided: 'yes', full_price_return: 1 },
    ];
    for (const answers of version1) await insertResponse(database, created.companyId, surveyId, created.versionId, answers);
    const { id: secondId } = await database.db
      .insertInto('survey_version')
      .values({ company_id: created.companyId, survey_id: surveyId, version: 2, definition: JSON.stringify(shortTemplate()) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db.updateTable('survey').set({ published_version: 2 }).where('id', '=', surveyId).execute();
    // The last answers only the recommendation: unclassified, and in version 2's count.
    const version2: Answers[] = [
      { sat_overall: 5, recommend: 10, repurchase: 5, stay_vs_competitor: 4, promo_decided: 'no' },
      { sat_overall: 4, recommend: 3, repurchase: 1, stay_vs_competitor: 2, promo_decided: 'no' },
      { recommend: 8 },
    ];
    for (const answers of version2) await insertResponse(database, created.companyId, surveyId, secondId, answers);
    served = await serveWithChromium(database);
    ({ baseUrl } = served);
  });
  afterAll(async () => {
    await served?.close();
    await database?.close();
  });

  it.each([
    ['en', ['Version 1', 'Version 2'], 'Shown apart: share of all 5 respondents'],
    ['ru', ['Версия 1', 'Версия 2'], 'Отдельно: доля от всех респондентов (5)'],
  ] as const)('counts each version and keeps unclassified apart in %s, with no axe violations', async (language, versions, apart) => {
    const context = await signedInContext(served!, database, companyId, { viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${baseUrl}/app?survey=${surveyId}&lang=${language}`);
    const responses = page.locator('section[aria-labelledby="responses-heading"]');
    await expect.poll(() => responses.locator('.versions dt').allTextContents(), { timeout: 15_000 }).toEqual(versions);
    expect(await responses.locator('.versions dd').allTextContents()).toEqual(['2', '3']);
    expect(await responses.locator('.warnings li').count()).toBeGreaterThan(0);
    const segments = page.locator('section[aria-labelledby="segments-heading"]');
    await expect.poll(() => segments.locator('.apart-heading th').first().textContent()).toBe(apart);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });
});
