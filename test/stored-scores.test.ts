/**
 * Stored per-respondent scores (migrations/0005; analytics/storedScores.ts, responses/scores.ts):
 * the columns equal what the report's scoring (scoreAndSegment) gives the same respondent, and the
 * segment and loyalty type decided in SQL (reports/filter.ts) equal primarySegment and loyaltyType —
 * for template populations (full and short, two versions, with and without purchase history) and for
 * respondents exactly on a threshold; both submit paths; the backfill; the rescoring after a purchase import.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scoreAndSegment } from '../api/src/analytics/scoredRespondent.js';
import { compileSurveyScoring, type SurveyScoring } from '../api/src/analytics/surveyScoring.js';
import { loyaltyType, primarySegment } from '../api/src/analytics/segments.js';
import type { Database } from '../api/src/db/schema.js';
import type { Answers, SurveyDefinition, Thresholds } from '../api/src/model/definition.js';
import { fullTemplate, shortTemplate } from '../api/src/model/template.js';
import { loyaltyTypeSql, segmentSql } from '../api/src/reports/filter.js';
import { rescoreAfterPurchaseImport, scoreUnscoredResponses } from '../api/src/responses/scores.js';
import { generatePopulation } from '../scripts/population/index.js';
import { DEMO_COMPANY_ID, seedDemo } from '../scripts/demo/seed.js';
import { buildTestApp, createSurvey, describeEachDatabase } from './helper.js';
import { validShort } from './inputs-fixtures.js';

const DAY_MS = 86_400_000;

/** Version 2 of the full template: share_of_wallet dropped (B has two items), another τB. */
function fullV2(): SurveyDefinition {
  const base = fullTemplate();
  return { ...base, questions: base.questions.filter((q) => q.id !== 'share_of_wallet'), thresholds: { ...base.thresholds, behavioural: 0.7 } };
}

/** Two 0–10 items per construct: 8 and 7 make (0.8 + 0.7) / 2, 1 and 2 make (0.1 + 0.2) / 2 — on τ only after rounding. */
function tenPointDefinition(): SurveyDefinition {
  const base = shortTemplate();
  const scale = (id: string, construct: 'satisfaction' | 'emotional' | 'behavioural') => ({
    id, construct, type: 'scale' as const, required: false, min: 0, max: 10, text: base.questions[0]!.text, minLabel: base.title, maxLabel: base.title,
  });
  return {
    ...base,
    questions: [scale('s1', 'satisfaction'), scale('s2', 'satisfaction'), scale('e1', 'emotional'), scale('e2', 'emotional'), scale('b1', 'behavioural'), scale('b2', 'behavioural')],
  };
}

interface StoredRow {
  id: string;
  customer_ref: string | null;
  answers: Answers;
  submitted_at: Date;
  version: number;
  score_s: number | null;
  score_e: number | null;
  score_b: number | null;
  discount_dependent: boolean | null;
  exchange_type: string | null;
  satisfaction_level: number | null;
  retained: boolean | null;
  recovery_group: string | null;
  scored_version: number | null;
}

async function storedRows(db: Kysely<Database>, companyId: string): Promise<StoredRow[]> {
  return (await db
    .selectFrom('response as r')
    .innerJoin('survey_version as v', (join) => join.onRef('v.company_id', '=', 'r.company_id').onRef('v.id', '=', 'r.survey_version_id'))
    .select(['r.id', 'r.customer_ref', 'r.answers', 'r.submitted_at', 'v.version', 'r.score_s', 'r.score_e', 'r.score_b', 'r.discount_dependent', 'r.exchange_type',
      'r.satisfaction_level', 'r.retained', 'r.recovery_group', 'r.scored_version'])
    .where('r.company_id', '=', companyId)
    .orderBy('r.id')
    .execute()) as StoredRow[];
}

async function purchasesOf(db: Kysely<Database>, companyId: string): Promise<Map<string, number[]>> {
  const rows = await db.selectFrom('purchase').select(['customer_ref', 'purchased_at']).where('company_id', '=', companyId).execute();
  const map = new Map<string, number[]>();
  for (const row of rows) map.set(row.customer_ref, [...(map.get(row.customer_ref) ?? []), row.purchased_at.getTime()]);
  return map;
}

/** What the report's scoring gives the stored row: history when the row has a customer and the company has purchases. */
function expectStoredEqualsReport(rows: StoredRow[], scoring: SurveyScoring, purchases: Map<string, number[]>, observedUntil: number | undefined) {
  for (const row of rows) {
    const surveyedAt = row.submitted_at.getTime();
    const history = row.customer_ref && observedUntil !== undefined ? { purchasedAt: purchases.get(row.customer_ref) ?? [], observedUntil } : undefined;
    const scored = scoreAndSegment(scoring, scoring.thresholds, history ? { answers: row.answers, version: row.version, surveyedAt, purchases: history } : { answers: row.answers, version: row.version });
    const level = scored.level >= 0 ? scoring.levels[scored.level]! : null;
    expect({ id: row.id, s: row.score_s, e: row.score_e, b: row.score_b, d: row.discount_dependent, x: row.exchange_type, r: row.retained, v: row.scored_version, l: row.satisfaction_level }).toEqual({
      id: row.id, s: scored.scores.satisfaction, e: scored.scores.emotional, b: scored.scores.behavioural, d: scored.scores.discountDependent,
      x: scored.scores.exchange, r: scored.scores.retained, v: row.version, l: level,
    });
  }
}

/** segmentSql and loyaltyTypeSql per row equal primarySegment and loyaltyType of the stored scores, for each set of thresholds. */
async function expectSqlSegmentsEqual(db: Kysely<Database>, companyId: string, thresholdSets: Thresholds[]) {
  const rows = await storedRows(db, companyId);
  for (const thresholds of thresholdSets) {
    const inSql = await db
      .selectFrom('response as r')
      .select(['r.id', segmentSql(thresholds, 'r').as('segment'), loyaltyTypeSql(thresholds, 'r').as('loyalty')])
      .where('r.company_id', '=', companyId)
      .orderBy('r.id')
      .execute();
    const expected = rows.map((row) => {
      const scores = { satisfaction: row.score_s, emotional: row.score_e, behavioural: row.score_b, discountDependent: row.discount_dependent };
      return { id: row.id, segment: primarySegment(scores, thresholds), loyalty: loyaltyType(scores, thresholds) };
    });
    expect(inSql).toEqual(expected);
  }
}

async function observedUntilOf(db: Kysely<Database>, companyId: string): Promise<number | undefined> {
  const row = await db.selectFrom('purchase').select((eb) => eb.fn.max('created_at').as('at')).where('company_id', '=', companyId).executeTakeFirst();
  return row?.at ? Math.floor(new Date(row.at).getTime()) : undefined;
}

describeEachDatabase('stored scores', (ctx) => {
  const db = () => ctx.database().db;

  describe('template populations, backfilled', () => {
    let full: { companyId: string; surveyId: string; versionId: string };
    let v2Id: string;
    beforeAll(async () => {
      full = await createSurvey(ctx.database(), fullTemplate());
      const row = await db().insertInto('survey_version').values({ company_id: full.companyId, survey_id: full.surveyId, version: 2, definition: JSON.stringify(fullV2()) }).returning('id').executeTakeFirstOrThrow();
      v2Id = row.id;
      const short = await db().insertInto('survey').values({ company_id: full.companyId, name: 'Short', status: 'draft' }).returning('id').executeTakeFirstOrThrow();
      const shortVersion = await db().insertInto('survey_version').values({ company_id: full.companyId, survey_id: short.id, version: 1, definition: JSON.stringify(shortTemplate()) }).returning('id').executeTakeFirstOrThrow();
      let index = 0;
      for (const [questions, surveyId, versionIds] of [['full', full.surveyId, [full.versionId, v2Id]], ['short', short.id, [shortVersion.id]]] as const) {
        for (const respondent of generatePopulation({ n: 120, seed: 17 + index, questions, start: new Date('2025-01-01T00:00:00Z'), end: new Date('2026-11-01T00:00:00Z'), purchasesUntil: new Date('2026-11-20T00:00:00Z') })) {
          index++;
          // A third without a customer, a third a customer without purchases, a third with their purchases.
          const customerRef = index % 3 === 0 ? null : `C-${index}`;
          await db().insertInto('response').values({
            company_id: full.companyId, survey_id: surveyId, survey_version_id: versionIds[index % versionIds.length]!, customer_ref: customerRef,
            client_submission_id: randomUUID(), language: respondent.language, answers: JSON.stringify(respondent.answers), submitted_at: respondent.submittedAt,
          }).execute();
          if (customerRef && index % 3 === 1 && respondent.purchases.length > 0) {
            await db().insertInto('purchase').values(respondent.purchases.map((p) => ({ company_id: full.companyId, customer_ref: customerRef, purchased_at: p.purchasedAt, amount_cents: p.amountCents }))).execute();
          }
        }
      }
    });

    it('scores every unscored row, and a second run finds none', async () => {
      const before = await storedRows(db(), full.companyId);
      expect(before.every((row) => row.scored_version === null && row.score_s === null)).toBe(true);
      expect(await scoreUnscoredResponses(db(), { batch: 50 })).toBeGreaterThanOrEqual(240);
      expect((await storedRows(db(), full.companyId)).every((row) => row.scored_version !== null)).toBe(true);
      expect(await scoreUnscoredResponses(db())).toBe(0);
    });

    it('stores what scoreAndSegment gives each respondent, with the version it answered and B with the repeat-purchase item where history exists', async () => {
      const rows = await storedRows(db(), full.companyId);
      const purchases = await purchasesOf(db(), full.companyId);
      const observedUntil = await observedUntilOf(db(), full.companyId);
      const fullScoring = compileSurveyScoring([{ version: 1, definition: fullTemplate() }, { version: 2, definition: fullV2() }]);
      const shortScoring = compileSurveyScoring(shortTemplate());
      const fullRows = rows.filter((row) => 'sat_product' in row.answers);
      expectStoredEqualsReport(fullRows, fullScoring, purchases, observedUntil);
      expectStoredEqualsReport(rows.filter((row) => !('sat_product' in row.answers)), shortScoring, purchases, observedUntil);
      // The population covers what it should: both versions, history and none, every outcome.
      expect(new Set(fullRows.map((row) => row.scored_version))).toEqual(new Set([1, 2]));
      expect(new Set(rows.map((row) => row.retained))).toEqual(new Set([true, false, null]));
      expect(rows.some((row) => row.recovery_group === 'resolved') && rows.some((row) => row.exchange_type !== null)).toBe(true);
    });

    it('decides in SQL the segment and loyalty type primarySegment and loyaltyType give, at τ = 0.75 and at τ on stored scores', async () => {
      const rows = await storedRows(db(), full.companyId);
      const distinct = (values: (number | null)[]) => [...new Set(values.filter((v): v is number => v !== null))].slice(0, 4);
      const sets: Thresholds[] = [{ satisfaction: 0.75, emotional: 0.75, behavioural: 0.75 }];
      for (const e of distinct(rows.map((r) => r.score_e))) for (const b of distinct(rows.map((r) => r.score_b))) sets.push({ satisfaction: e, emotional: e, behavioural: b });
      await expectSqlSegmentsEqual(db(), full.companyId, sets);
    });
  });

  describe('respondents exactly on a threshold', () => {
    it('puts (0.8 + 0.7) / 2 on τ = 0.75 and (0.1 + 0.2) / 2 on τ = 0.15, in SQL as in primarySegment', async () => {
      const survey = await createSurvey(ctx.database(), tenPointDefinition(), { unchecked: true });
      const pairs = [[8, 7], [7, 8], [1, 2], [10, 5], [6, 9], [3, 0]];
      for (const [a, b] of pairs) for (const [c, d] of pairs) {
        await db().insertInto('response').values({
          company_id: survey.companyId, survey_id: survey.surveyId, survey_version_id: survey.versionId, client_submission_id: randomUUID(), language: 'en',
          answers: JSON.stringify({ s1: a, s2: b, e1: c, e2: d, b1: a, b2: b }),
        }).execute();
      }
      await scoreUnscoredResponses(db());
      const rows = await storedRows(db(), survey.companyId);
      // E is 0.75 for (8, 7), (7, 8), (10, 5) and (6, 9); B is 0.15 for (1, 2) and (3, 0).
      expect(rows.filter((row) => row.score_e === 0.75)).toHaveLength(4 * pairs.length);
      expect(rows.filter((row) => row.score_b === 0.15)).toHaveLength(2 * pairs.length);
      expectStoredEqualsReport(rows, compileSurveyScoring(tenPointDefinition()), new Map(), undefined);
      await expectSqlSegmentsEqual(db(), survey.companyId, [
        { satisfaction: 0.75, emotional: 0.75, behavioural: 0.75 },
        { satisfaction: 0.15, emotional: 0.15, behavioural: 0.15 },
        { satisfaction: 0.75, emotional: 0.15, behavioural: 0.75 },
        { satisfaction: 0.8 - 0.05, emotional: (0.1 + 0.2) / 2, behavioural: 0.3 - 0.15 },
      ]);
    });
  });

  describe('both submit paths', () => {
    let app: FastifyInstance;
    let survey: { companyId: string; surveyId: string; versionId: string };
    beforeAll(async () => {
      app = await buildTestApp(ctx.database());
      survey = await createSurvey(ctx.database(), shortTemplate());
    });
    afterAll(async () => app.close());

    it('stores the scores with a public-link response, without purchase history', async () => {
      const res = await app.inject({ method: 'POST', url: `/api/surveys/${survey.surveyId}/responses`, payload: { clientSubmissionId: randomUUID(), language: 'en', answers: validShort } });
      expect(res.statusCode).toBe(201);
      const row = await db().selectFrom('response').selectAll().where('id', '=', res.json().id).executeTakeFirstOrThrow();
      // repurchase 5 → 1, stay 3 → 0.5: B = 0.75; recommend 9 → E 0.9; sat 4 → S 0.75.
      expect(row).toMatchObject({ score_s: 0.75, score_e: 0.9, score_b: 0.75, discount_dependent: false, exchange_type: null, satisfaction_level: 4, retained: null, recovery_group: null, scored_version: 1, channel: null });
      expect(row.scored_at).toBeInstanceOf(Date);
    });

    it('stores the scores with an invite response: B with the repeat-purchase item of the customer, and the invite channel', async () => {
      const now = Date.now();
      await db().insertInto('purchase').values([10, 40, 400].map((days) => ({ company_id: survey.companyId, customer_ref: 'CARD-7', purchased_at: new Date(now - days * DAY_MS), amount_cents: 500 }))).execute();
      const token = randomUUID().replaceAll('-', '');
      const invite = await db().insertInto('invite').values({ company_id: survey.companyId, survey_id: survey.surveyId, token, customer_ref: 'CARD-7', order_ref: `O-${randomUUID()}`, channel: 'email' }).returning('id').executeTakeFirstOrThrow();
      const res = await app.inject({ method: 'POST', url: `/api/s/i/${token}/responses`, payload: { clientSubmissionId: randomUUID(), language: 'en', answers: validShort } });
      expect(res.statusCode).toBe(201);
      const row = await db().selectFrom('response').selectAll().where('invite_id', '=', invite.id).executeTakeFirstOrThrow();
      // Two purchases in the 365 days before: the repeat item 1 joins B = (1 + 0.5 + 1) / 3.
      expect(row).toMatchObject({ customer_ref: 'CARD-7', channel: 'email', score_b: Math.round((2.5 / 3) * 1e12) / 1e12, retained: null, scored_version: 1 });
      const scoring = compileSurveyScoring(shortTemplate());
      const expected = scoreAndSegment(scoring, scoring.thresholds, { answers: validShort, surveyedAt: row.submitted_at.getTime(), purchases: { purchasedAt: [10, 40, 400].map((d) => now - d * DAY_MS), observedUntil: row.submitted_at.getTime() } });
      expect([row.score_s, row.score_e, row.score_b]).toEqual([expected.scores.satisfaction, expected.scores.emotional, expected.scores.behavioural]);
    });
  });

  describe('after a purchase import', () => {
    const at = (iso: string) => new Date(iso);
    async function importRow(companyId: string, finishedAt: Date | null, status: 'applied' | 'processing') {
      const row = await db().insertInto('purchase_import').values({ company_id: companyId, source: 'api', status, finished_at: finishedAt }).returning('id').executeTakeFirstOrThrow();
      return row.id;
    }
    async function respond(survey: { companyId: string; surveyId: string; versionId: string }, customerRef: string, submittedAt: string) {
      await db().insertInto('response').values({
        company_id: survey.companyId, survey_id: survey.surveyId, survey_version_id: survey.versionId, customer_ref: customerRef,
        client_submission_id: randomUUID(), language: 'en', answers: JSON.stringify(validShort), submitted_at: submittedAt,
      }).execute();
    }
    const buy = (companyId: string, customerRef: string, iso: string, importId: string | null) =>
      db().insertInto('purchase').values({ company_id: companyId, customer_ref: customerRef, purchased_at: at(iso), amount_cents: 100, import_id: importId }).execute();
    const byCustomer = async (companyId: string) => new Map((await storedRows(db(), companyId)).map((row) => [row.customer_ref, { b: row.score_b, retained: row.retained }]));

    it('changes B and retained for exactly the customers whose purchases the import wrote', async () => {
      const survey = await createSurvey(ctx.database(), shortTemplate());
      const first = await importRow(survey.companyId, at('2026-07-01T00:00:00Z'), 'applied');
      for (const c of ['A', 'B', 'C', 'D', 'E']) await respond(survey, c, '2025-06-01T12:00:00Z');
      for (const c of ['A', 'B', 'C', 'D']) await buy(survey.companyId, c, '2025-05-20T00:00:00Z', first);
      await buy(survey.companyId, 'C', '2025-05-25T00:00:00Z', first);
      await buy(survey.companyId, 'D', '2025-08-01T00:00:00Z', first);
      await scoreUnscoredResponses(db());
      const before = await byCustomer(survey.companyId);
      expect(before.get('A')).toEqual({ b: 0.5, retained: false });

      const second = await importRow(survey.companyId, null, 'processing');
      await buy(survey.companyId, 'A', '2025-05-01T00:00:00Z', second); // a second purchase in the year before: repeat item 1
      await buy(survey.companyId, 'B', '2025-09-01T00:00:00Z', second); // within 180 days after: retained
      await db().transaction().execute((trx) => rescoreAfterPurchaseImport(trx, survey.companyId, second));
      const after = await byCustomer(survey.companyId);
      expect(after.get('A')).toEqual({ b: Math.round((2.5 / 3) * 1e12) / 1e12, retained: false });
      expect(after.get('B')).toEqual({ b: 0.5, retained: true });
      for (const c of ['C', 'D', 'E']) expect(after.get(c)).toEqual(before.get(c));
      const observedUntil = Date.now();
      const rows = await storedRows(db(), survey.companyId);
      const purchases = await purchasesOf(db(), survey.companyId);
      expectStoredEqualsReport(rows, compileSurveyScoring(shortTemplate()), purchases, observedUntil);
    });

    it("tells retention for the responses whose 180-day window the import's time closes", async () => {
      const survey = await createSurvey(ctx.database(), shortTemplate());
      const first = await importRow(survey.companyId, at('2026-07-01T00:00:00Z'), 'applied');
      for (const c of ['F', 'G', 'H']) await respond(survey, c, '2026-05-01T12:00:00Z');
      await buy(survey.companyId, 'F', '2026-04-01T00:00:00Z', first);
      await buy(survey.companyId, 'G', '2026-04-01T00:00:00Z', first);
      await scoreUnscoredResponses(db());
      expect([...(await byCustomer(survey.companyId)).values()].map((v) => v.retained)).toEqual([null, null, null]);

      const second = await importRow(survey.companyId, at('2026-12-01T00:00:00Z'), 'processing');
      await buy(survey.companyId, 'G', '2026-08-01T00:00:00Z', second);
      await buy(survey.companyId, 'Z', '2026-11-01T00:00:00Z', second); // another customer only: F and H are closed by the time
      await db().transaction().execute((trx) => rescoreAfterPurchaseImport(trx, survey.companyId, second));
      const after = await byCustomer(survey.companyId);
      expect([after.get('F')?.retained, after.get('G')?.retained, after.get('H')?.retained]).toEqual([false, true, false]);
      expect(after.get('F')?.b).toBe(0.5);
    });

    it("gives every customer's responses history with the company's first purchases", async () => {
      const survey = await createSurvey(ctx.database(), shortTemplate());
      for (const c of ['P', 'Q']) await respond(survey, c, '2025-06-01T12:00:00Z');
      await scoreUnscoredResponses(db());
      expect((await byCustomer(survey.companyId)).get('Q')).toEqual({ b: 0.75, retained: null });
      const first = await importRow(survey.companyId, null, 'processing');
      await buy(survey.companyId, 'P', '2025-05-01T00:00:00Z', first);
      await db().transaction().execute((trx) => rescoreAfterPurchaseImport(trx, survey.companyId, first));
      // Q bought nothing: the repeat item 0 joins B = (1 + 0.5 + 0) / 3, and the closed window says not retained.
      expect((await byCustomer(survey.companyId)).get('Q')).toEqual({ b: 0.5, retained: false });
    });
  });

  it('leaves no demo response unscored after the seed', async () => {
    await seedDemo(db(), { responses: 30, fullResponses: 30 });
    const rows = await storedRows(db(), DEMO_COMPANY_ID);
    expect(rows).toHaveLength(60);
    expect(rows.filter((row) => row.scored_version === null)).toEqual([]);
    expect(rows.filter((row) => row.score_b !== null).length).toBeGreaterThan(30);
    const answeredInvites = await db().selectFrom('response').select(['channel']).where('company_id', '=', DEMO_COMPANY_ID).where('invite_id', 'is not', null).execute();
    expect(answeredInvites.length).toBeGreaterThan(0);
    expect(answeredInvites.every((row) => row.channel === 'email' || row.channel === 'receipt')).toBe(true);
  });

  it('keeps the scores of another company untouched by an import', async () => {
    const [a, b] = [await createSurvey(ctx.database(), shortTemplate()), await createSurvey(ctx.database(), shortTemplate())];
    for (const s of [a, b]) {
      await db().insertInto('response').values({ company_id: s.companyId, survey_id: s.surveyId, survey_version_id: s.versionId, customer_ref: 'SAME', client_submission_id: randomUUID(), language: 'en', answers: JSON.stringify(validShort), submitted_at: '2025-06-01T00:00:00Z' }).execute();
    }
    await scoreUnscoredResponses(db());
    const imported = await db().insertInto('purchase_import').values({ company_id: a.companyId, source: 'api' }).returning('id').executeTakeFirstOrThrow();
    await db().insertInto('purchase').values({ company_id: a.companyId, customer_ref: 'SAME', purchased_at: new Date('2025-07-01T00:00:00Z'), amount_cents: 1, import_id: imported.id }).execute();
    await rescoreAfterPurchaseImport(db(), a.companyId, imported.id);
    const rows = await sql<{ company_id: string; retained: boolean | null }>`select company_id, retained from response where customer_ref = 'SAME' and company_id in (${a.companyId}, ${b.companyId})`.execute(db());
    expect(Object.fromEntries(rows.rows.map((r) => [r.company_id, r.retained]))).toEqual({ [a.companyId]: true, [b.companyId]: null });
  });
});
