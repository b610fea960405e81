import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { shortTemplate } from '../api/src/model/template.js';
import { openTestDatabase } from './databases.js';
import { buildTestApp, createSurvey } from './helper.js';

it('answers 429 RATE_LIMITED past the per-address limit on submissions, and stores nothing more', async () => {
  const database = await openTestDatabase('pglite');
  const app = await buildTestApp(database, { rateLimitPerMinute: 3 });
  try {
    const { surveyId } = await createSurvey(database, shortTemplate());
    const answers = { sat_overall: 4, recommend: 8, repurchase: 4, stay_vs_competitor: 4, promo_decided: 'no', full_price_return: 4 };
    const statuses: number[] = [];
    let limited: { error: { code: string; message: string } } | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await app.inject({
        method: 'POST',
        url: `/api/surveys/${surveyId}/responses`,
        payload: { clientSubmissionId: randomUUID(), language: 'en', answers },
      });
      statuses.push(res.statusCode);
      if (res.statusCode === 429) limited = res.json();
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(limited?.error.code).toBe('RATE_LIMITED');
    expect(limited?.error.message).toMatch(/try again in \d+ s/);
    const { n } = await database.db.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(3);
    // Reading is not limited.
    expect((await app.inject({ url: `/api/surveys/${surveyId}` })).statusCode).toBe(200);
  } finally {
    await app.close();
    await database.close();
  }
});
