import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Respondent } from '../api/src/analytics/scoring.js';
import { segmentReport } from '../api/src/analytics/segmentReport.js';
import { withWarningMessages } from '../api/src/reports/warningMessages.js';
import { mulberry32 } from '../api/src/analytics/seededRandom.js';
import type { Answers } from '../api/src/model/definition.js';
import { fullTemplate } from '../api/src/model/template.js';
import { apiKeyHeaders, buildTestApp, createSurvey, describeEachDatabase } from './helper.js';

const DAY = 86_400_000;
const RESPONSES = 1500;
const CUSTOMERS = 300;
/** Free text the route must carry through SQL, COPY's escaping and JSON unchanged. */
const AWKWARD_COMMENTS = ['back\\slash \\N \\. "quoted"', 'tab\there\nnew line\r\nCRLF', 'Кириллица, ქართული, emoji 🎉', ''];

/** Whole numbers exactly; other numbers to 1e-9 relative (float sums may run in another row order). */
function expectSameReport(actual: unknown, expected: unknown, path = 'report'): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !(Number.isInteger(expected) && Number.isInteger(actual))) {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    const keys = Object.keys(expected);
    expect(Object.keys(actual as object).sort(), path).toEqual([...keys].sort());
    for (const key of keys) {
      expectSameReport((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
    }
  } else {
    expect(actual, path).toEqual(expected);
  }
}

describeEachDatabase('the segment report route fed from the database', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let surveyId: string;
  let versionId: string;
  const respondents: { answers: Answers; submittedAt: string; customerRef: string | null }[] = [];
  const purchases: { customerRef: string; purchasedAt: string }[] = [];

  beforeAll(async () => {
    const definition = fullTemplate();
    ({ companyId, surveyId, versionId } = await createSurvey(ctx.database(), definition));
    const random = mulberry32(20261125);
    const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
    const start = Date.UTC(2025, 0, 1);
    for (let i = 0; i < RESPONSES; i++) {
      const attitude = between(1, 5);
      const answers: Answers = {};
      for (const question of definition.questions) {
        if (random() < 0.08) continue; // skipped
        if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) continue;
        if (question.type === 'scale') answers[question.id] = Math.min(question.max, Math.max(question.min, attitude + between(-1, 1) + (question.max === 10 ? attitude : 0)));
        else if (question.type === 'count') answers[question.id] = between(0, 12);
        else if (question.type === 'choice') answers[question.id] = question.options[between(0, question.options.length - 1)]!.value;
        else answers[question.id] = AWKWARD_COMMENTS[i % AWKWARD_COMMENTS.length]!;
      }
      // Microseconds, which the report floors to milliseconds as a Date would.
      const submittedAt = new Date(start + between(0, 200) * DAY + between(0, DAY - 1)).toISOString().replace('Z', `${String(between(0, 999)).padStart(3, "0")}Z`);
      const customer = between(0, CUSTOMERS);
      respondents.push({ answers, submittedAt, customerRef: customer === CUSTOMERS ? (i % 2 === 0 ? null : '') : `customer-${customer}` });
    }
    for (let c = 0; c < CUSTOMERS; c++) {
      if (c % 4 === 3) continue; // customers who bought nothing
      for (let k = between(0, 6); k > 0; k--) {
        purchases.push({ customerRef: `customer-${c}`, purchasedAt: new Date(Date.UTC(2024, 0, 1) + between(0, 700) * DAY + between(0, DAY - 1)).toISOString() });
      }
    }
    // Purchases exactly on the edges of the repeat-purchase and retention windows of one respondent.
    const edge = respondents.find((r) => r.customerRef?.startsWith('customer-') && !r.customerRef.endsWith('3'))!;
    const edgeAt = Date.parse(edge.submittedAt.replace(/(\.\d{3})\d+Z$/, '$1Z'));
    for (const at of [edgeAt - 365 * DAY, edgeAt, edgeAt + 180 * DAY]) purchases.push({ customerRef: edge.customerRef!, purchasedAt: new Date(at).toISOString() });

    const { db } = ctx.database();
    await db
      .insertInto('response')
      .values(
        respondents.map((r, i) => ({
          company_id: companyId,
          survey_id: surveyId,
          survey_version_id: versionId,
          client_submission_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          language: 'en' as const,
          customer_ref: r.customerRef,
          answers: JSON.stringify(r.answers),
          submitted_at: sql<Date>`${r.submittedAt}::timestamptz`,
        })),
      )
      .execute();
    // History loaded mid-2025: the retention window of later respondents is still open.
    await db
      .insertInto('purchase')
      .values(purchases.map((p, i) => ({ company_id: companyId, customer_ref: p.customerRef, external_id: `p-${i}`, purchased_at: new Date(p.purchasedAt), amount_cents: 100, created_at: new Date('2025-12-01T00:00:00Z') })))
      .execute();
    // Another company's purchases of the same customer refs are not this company's history.
    const other = await createSurvey(ctx.database(), fullTemplate(), { companyName: 'Other Bakery' });
    await db
      .insertInto('purchase')
      .values(Array.from({ length: 50 }, (_, c) => ({ company_id: other.companyId, customer_ref: `customer-${c}`, purchased_at: new Date(Date.UTC(2025, 1, 1)), amount_cents: 1 })))
      .execute();
    await db.insertInto('change_event').values({ company_id: companyId, occurred_at: new Date('2025-04-01T00:00:00Z'), title: 'New recipe' }).execute();
    app = await buildTestApp(ctx.database());
  });
  afterAll(async () => app.close());

  it('equals createSegmentReport fed directly with the same respondents and purchases', async () => {
    const res = await app.inject({ url: `/api/surveys/${surveyId}/report`, headers: await apiKeyHeaders(ctx.database(), companyId) });
    expect(res.statusCode).toBe(200);
    const body = res.json();

    const observedUntil = Date.UTC(2025, 11, 1);
    const toMs = (timestamp: string) => Date.parse(timestamp.replace(/(\.\d{3})\d+Z$/, '$1Z'));
    const byCustomer = new Map<string, number[]>();
    for (const p of purchases) byCustomer.set(p.customerRef, [...(byCustomer.get(p.customerRef) ?? []), toMs(p.purchasedAt)]);
    const fed: Respondent[] = respondents.map((r) => {
      const surveyedAt = toMs(r.submittedAt);
      return r.customerRef
        ? { answers: r.answers, surveyedAt, purchases: { purchasedAt: byCustomer.get(r.customerRef) ?? [], observedUntil } }
        : { answers: r.answers, surveyedAt };
    });
    const expected = segmentReport(fullTemplate(), fed, { changeEvent: { at: Date.UTC(2025, 3, 1), label: 'New recipe' } });

    expect(body.report.n).toBe(RESPONSES);
    expect(body.report.retention.n).toBeGreaterThan(0);
    expect(body.report.retention.n).toBeLessThan(RESPONSES);
    // The route adds an English message beside every warning code (reports/warningMessages.ts).
    expectSameReport(body.report, JSON.parse(JSON.stringify(withWarningMessages(expected))));
  });
});
