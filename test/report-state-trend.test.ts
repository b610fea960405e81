/**
 * The report's trend and its before/after around a change event, served from the stored day states
 * (reports/stateTrend.ts), equal what the SQL trend (reports/trend.ts) and a report created with the
 * event and fed every respondent give on the same data; choosing another event refolds nothing.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { mulberry32 } from '../api/src/analytics/seededRandom.js';
import type { Respondent } from '../api/src/analytics/scoring.js';
import { createSegmentReport } from '../api/src/analytics/segmentReport.js';
import type { Answers } from '../api/src/model/definition.js';
import { fullTemplate } from '../api/src/model/template.js';
import { scoreUnscoredResponses } from '../api/src/responses/scores.js';
import { surveySegmentReport } from '../api/src/reports/service.js';
import { surveyTrend } from '../api/src/reports/trend.js';
import { withWarningMessages } from '../api/src/reports/warningMessages.js';
import { createSurvey, describeEachDatabase, randomAnswers } from './helper.js';

const DAY = 86_400_000;

/** Whole numbers exactly; other numbers to 1e-9 relative. As test/report-state.test.ts. */
function expectSame(actual: unknown, expected: unknown, path = 'value'): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !(Number.isInteger(expected) && Number.isInteger(actual))) {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    const keys = Object.keys(expected);
    expect(Object.keys(actual as object).sort(), path).toEqual([...keys].sort());
    for (const key of keys) expectSame((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describeEachDatabase('the trend and the change event from stored day states', (ctx) => {
  const definition = fullTemplate();
  let companyId: string;
  let surveyId: string;
  let versionId: string;
  const random = mulberry32(29);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const start = Date.UTC(2025, 0, 1);

  const answers = () => randomAnswers(definition, random);
  const insert = async (count: number, at?: () => Date) => {
    const rows = Array.from({ length: count }, () => ({
      company_id: companyId,
      survey_id: surveyId,
      survey_version_id: versionId,
      client_submission_id: randomUUID(),
      language: 'en' as const,
      answers: JSON.stringify(answers()),
      ...(at ? { submitted_at: at() } : {}),
    }));
    await ctx.database().db.insertInto('response').values(rows).execute();
    await scoreUnscoredResponses(ctx.database().db);
  };
  const database = () => ({ ...ctx.database(), companyId });
  const stored = async () =>
    (await sql<{ n: string; folded: Date | null }>`select count(*) as n, max(folded_at) as folded from report_state where survey_id = ${surveyId}`.execute(ctx.database().db)).rows[0]!;

  beforeAll(async () => {
    ({ companyId, surveyId, versionId } = await createSurvey(ctx.database(), definition));
    await insert(500, () => new Date(start + between(0, 80) * DAY + between(0, DAY - 1)));
  });

  it('gives the same trend as the SQL trend, by week and by month, with a live tail past the watermark', async () => {
    await insert(6); // submitted now: past the watermark, read live
    for (const period of ['week', 'month'] as const) {
      const served = await surveySegmentReport(database(), surveyId, { period });
      const trend = served.trend;
      const sqlTrend = withWarningMessages(await surveyTrend(database(), surveyId, {}, period));
      expect(sqlTrend.points.length).toBeGreaterThan(period === 'week' ? 11 : 2);
      expect(sqlTrend.points.reduce((sum, point) => sum + point.n, 0)).toBe(506);
      expectSame(JSON.parse(JSON.stringify(trend)), JSON.parse(JSON.stringify(sqlTrend)), `trend.${period}`);
      expect(served.trend.points.some((point) => point.n === 0)).toBe(true);
    }
    const range = { from: '2025-01-15', to: '2025-02-20' };
    const filtered = await surveySegmentReport(database(), surveyId, { period: 'week', filter: range });
    expectSame(JSON.parse(JSON.stringify(filtered.trend.points)), JSON.parse(JSON.stringify(withWarningMessages(await surveyTrend(database(), surveyId, range, 'week')).points)), 'filtered');
  });

  it('computes the before/after of two events in a row from the states, without refolding, as a report made with each event', async () => {
    const { db } = ctx.database();
    const events = [start + 20 * DAY + 13 * 3_600_000, start + 47 * DAY + 5 * 3_600_000];
    const ids: string[] = [];
    for (const [i, at] of events.entries()) {
      const row = await db.insertInto('change_event').values({ company_id: companyId, survey_id: surveyId, occurred_at: new Date(at), title: `event ${i}` }).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    await surveySegmentReport(database(), surveyId);
    const before = await stored();
    expect(Number(before.n)).toBeGreaterThan(60);
    const rows = await db.selectFrom('response').select(['answers', 'submitted_at']).where('survey_id', '=', surveyId).orderBy('submitted_at').execute();
    for (const [i, at] of events.entries()) {
      const served = await surveySegmentReport(database(), surveyId, { eventId: ids[i]! });
      const direct = createSegmentReport([{ version: 1, definition }], { changeEvent: { at, label: `event ${i}` } });
      for (const row of rows) direct.add({ answers: row.answers as Answers, surveyedAt: row.submitted_at.getTime(), version: 1 } satisfies Respondent);
      const expected = direct.finish();
      expect(expected.changeEvent).not.toBeNull();
      const { messages: _m, ...report } = served.report as typeof served.report & { messages?: unknown };
      expectSame(JSON.parse(JSON.stringify(report.changeEvent)), JSON.parse(JSON.stringify(expected.changeEvent)), `changeEvent ${i}`);
      const key = (w: { part: string; code: string; params: unknown }) => JSON.stringify([w.part, w.code, w.params]);
      expect(report.warnings.map(key).sort()).toEqual(expected.warnings.map(key).sort());
      expect(served.changeEvent?.title).toBe(`event ${i}`);
    }
    const after = await stored();
    expect(after.n).toBe(before.n);
    expect(after.folded?.getTime()).toBe(before.folded?.getTime());
  });
});
