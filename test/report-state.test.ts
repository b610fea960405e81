/**
 * The report served from stored day states (reports/state.ts) equals the same accumulator fed every
 * response straight from the table: after the first fold, warm, with responses past the watermark,
 * with a day that grew after its fold, with a late insert of an old submitted_at, after invalidation,
 * an erasure and a purchase import, and with a date filter. The accumulator here is a small real
 * mergeable one (segment counts, purchases, times); the segment report plugs in the same way.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { beforeAll, expect, it } from 'vitest';
import { mulberry32 } from '../api/src/analytics/seededRandom.js';
import { scoreAndSegment } from '../api/src/analytics/scoredRespondent.js';
import type { Respondent } from '../api/src/analytics/scoring.js';
import { createSegmentReport } from '../api/src/analytics/segmentReport.js';
import { compileSurveyScoring, createScoringBuffers } from '../api/src/analytics/surveyScoring.js';
import type { Answers, SurveyDefinition } from '../api/src/model/definition.js';
import { fullTemplate } from '../api/src/model/template.js';
import { purchasesLastImported, respondentLinesQuery } from '../api/src/reports/queries.js';

const purchaseHistoryLoadedAt = async (db: Parameters<typeof purchasesLastImported>[0], companyId: string) => (await purchasesLastImported(db, companyId))?.at ?? null;
import { isStateful, reportFromStates, type StatefulReport } from '../api/src/reports/state.js';
import { invalidateCustomerDays, invalidateReportStates, reportStatesPurchasesChanged } from '../api/src/reports/stateInvalidation.js';
import { reportStateBasis, segmentReportFromStates } from '../api/src/reports/stateReport.js';
import { createSurvey, describeEachDatabase, randomAnswers } from './helper.js';

const DAY = 86_400_000;

/** Whole numbers exactly; other numbers to 1e-9 relative (merged float sums add in another order). As test/segment-report-feed.test.ts. */
function expectSameReport(actual: unknown, expected: unknown, path = 'report'): void {
  if (typeof expected === 'number' && typeof actual === 'number' && !(Number.isInteger(expected) && Number.isInteger(actual))) {
    expect(Math.abs(actual - expected), path).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(expected)));
  } else if (expected !== null && typeof expected === 'object') {
    expect(actual !== null && typeof actual === 'object', path).toBe(true);
    const keys = Object.keys(expected);
    expect(Object.keys(actual as object).sort(), path).toEqual([...keys].sort());
    for (const key of keys) expectSameReport((actual as Record<string, unknown>)[key], (expected as Record<string, unknown>)[key], `${path}.${key}`);
  } else {
    expect(actual, path).toEqual(expected);
  }
}

type Counts = { n: number; segments: Record<string, number>; versions: Record<string, number>; withPurchases: number; purchases: number; closed: number; surveyedAtSum: number };

/** Segment counts, purchase counts and the sum of submission times: enough to tell a lost, doubled or stale respondent. */
function createCounts(definition: SurveyDefinition): StatefulReport<Counts, Counts> {
  const scoring = compileSurveyScoring([{ version: 1, definition }]);
  const buffers = createScoringBuffers(scoring);
  let counts: Counts = { n: 0, segments: {}, versions: {}, withPurchases: 0, purchases: 0, closed: 0, surveyedAtSum: 0 };
  const addTo = (record: Record<string, number>, key: string, by: number) => (record[key] = (record[key] ?? 0) + by);
  return {
    add(respondent: Respondent) {
      const { segment } = scoreAndSegment(scoring, scoring.thresholds, respondent, buffers);
      counts.n++;
      addTo(counts.segments, segment, 1);
      addTo(counts.versions, String(respondent.version), 1);
      counts.surveyedAtSum += respondent.surveyedAt ?? 0;
      if (respondent.purchases) {
        counts.withPurchases++;
        counts.purchases += respondent.purchases.purchasedAt.filter((t) => t > respondent.surveyedAt! && t <= respondent.surveyedAt! + 180 * DAY).length;
        if (respondent.surveyedAt! + 180 * DAY <= (respondent.purchases.observedUntil ?? 0)) counts.closed++;
      }
    },
    finish: () => structuredClone(counts),
    state: () => structuredClone(counts),
    merge(state: Counts) {
      counts = { ...counts, n: counts.n + state.n, withPurchases: counts.withPurchases + state.withPurchases, purchases: counts.purchases + state.purchases, closed: counts.closed + state.closed, surveyedAtSum: counts.surveyedAtSum + state.surveyedAtSum };
      for (const [key, value] of Object.entries(state.segments)) addTo(counts.segments, key, value);
      for (const [key, value] of Object.entries(state.versions)) addTo(counts.versions, key, value);
    },
  };
}

describeEachDatabase('the segment report from stored day states', (ctx) => {
  const definition = fullTemplate();
  let companyId: string;
  let surveyId: string;
  let versionId: string;
  const random = mulberry32(17);
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const start = Date.UTC(2025, 0, 1);

  const answers = () => randomAnswers(definition, random);
  /** Inserts responses; `at` absent: submitted_at defaults to now(). */
  const insert = async (count: number, at?: () => Date) => {
    const rows = Array.from({ length: count }, (_, i) => ({
      company_id: companyId,
      survey_id: surveyId,
      survey_version_id: versionId,
      client_submission_id: randomUUID(),
      language: 'en' as const,
      customer_ref: i % 4 === 0 ? null : `customer-${between(0, 19)}`,
      answers: JSON.stringify(answers()),
      ...(at ? { submitted_at: at() } : {}),
    }));
    await ctx.database().db.insertInto('response').values(rows).execute();
  };

  /** The accumulator fed every response of the range straight from the table. */
  const direct = async (range: { fromDay?: string; toDay?: string } = {}) => feedDirect(() => createCounts(definition), range);
  const feedDirect = async <R,>(create: () => { add(r: Respondent): void; finish(): R }, range: { fromDay?: string; toDay?: string } = {}) => {
    const { db } = ctx.database();
    const loadedAt = await purchaseHistoryLoadedAt(db, companyId);
    let query = db.selectFrom('response').select(['answers', 'submitted_at', 'customer_ref']).where('company_id', '=', companyId).where('survey_id', '=', surveyId);
    if (range.fromDay) query = query.where('submitted_at', '>=', new Date(`${range.fromDay}T00:00:00Z`));
    if (range.toDay) query = query.where('submitted_at', '<', new Date(Date.parse(`${range.toDay}T00:00:00Z`) + DAY));
    const purchases = await db.selectFrom('purchase').select(['customer_ref', 'purchased_at']).where('company_id', '=', companyId).execute();
    const accumulator = create();
    for (const row of await query.orderBy('submitted_at').execute()) {
      const respondent: Respondent = { answers: row.answers as Answers, surveyedAt: Math.floor(row.submitted_at.getTime()), version: 1 };
      if (loadedAt && row.customer_ref) {
        const purchasedAt = purchases.filter((p) => p.customer_ref === row.customer_ref).map((p) => p.purchased_at.getTime());
        respondent.purchases = { purchasedAt, observedUntil: loadedAt.getTime() };
      }
      accumulator.add(respondent);
    }
    return accumulator.finish();
  };
  const fromStates = async (options: { fromDay?: string; toDay?: string; marginMs?: number } = {}) => {
    const { db } = ctx.database();
    const loadedAt = await purchaseHistoryLoadedAt(db, companyId);
    const versions = await db.selectFrom('survey_version').select(['id', 'version', 'definition']).where('survey_id', '=', surveyId).execute();
    return reportFromStates(ctx.database(), {
      companyId,
      surveyId,
      basis: reportStateBasis(versions),
      create: () => createCounts(definition),
      statement: (where) => respondentLinesQuery(surveyId, companyId, versions, (value) => pg.escapeLiteral(value), `(${where})`),
      observedUntil: loadedAt?.getTime(),
      ...options,
    });
  };
  const storedDays = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from report_state where survey_id = ${surveyId}`.execute(ctx.database().db)).rows[0]!.n);

  beforeAll(async () => {
    ({ companyId, surveyId, versionId } = await createSurvey(ctx.database(), definition));
    await insert(300, () => new Date(start + between(0, 60) * DAY + between(0, DAY - 1)));
    await ctx.database().db
      .insertInto('purchase')
      .values(Array.from({ length: 40 }, (_, i) => ({ company_id: companyId, customer_ref: `customer-${i % 20}`, external_id: `p-${i}`, purchased_at: new Date(start + between(-50, 300) * DAY), amount_cents: 100 })))
      .execute();
  });

  it('folds every day on the first report, then serves the same from the stored states', async () => {
    const cold = await fromStates();
    expect(cold.stats.refoldedDays).toBeGreaterThan(30);
    expect(cold.stats.foldedRows).toBe(300);
    expect(cold.result).toEqual(await direct());
    expect(cold.result.withPurchases).toBeGreaterThan(0);
    expect(await storedDays()).toBe(cold.stats.refoldedDays);
    const warm = await fromStates();
    expect(warm.stats).toMatchObject({ refoldedDays: 0, extendedDays: 0, foldedRows: 0, liveRows: 0, cleanDays: cold.stats.refoldedDays });
    expect(warm.result).toEqual(cold.result);
  });

  it('reads the responses past the watermark live, and folds only their tail into a day that grew', async () => {
    await insert(7);
    const live = await fromStates();
    expect(live.stats.liveRows).toBe(7);
    expect(live.result).toEqual(await direct());
    // With no margin today's 7 are folded, up to this moment.
    expect((await fromStates({ marginMs: 0 })).stats.refoldedDays).toBe(1);
    await insert(5);
    const extended = await fromStates({ marginMs: 0 });
    expect(extended.stats).toMatchObject({ extendedDays: 1, refoldedDays: 0, foldedRows: 5 });
    expect(extended.result).toEqual(await direct());
  });

  it('does not lose a response inserted with an old submitted_at (before the watermark)', async () => {
    await insert(3, () => new Date(start + 5 * DAY + 3600_000));
    const late = await fromStates();
    expect(late.stats.refoldedDays).toBe(1);
    expect(late.result).toEqual(await direct());
  });

  it('refolds the days an invalidation drops, and days whose responses were erased', async () => {
    await invalidateReportStates(ctx.database().db, companyId, { surveyId, fromDay: '2025-02-01' });
    const again = await fromStates();
    expect(again.stats.refoldedDays).toBeGreaterThan(0);
    expect(again.result).toEqual(await direct());
    await ctx.database().db.transaction().execute(async (trx) => {
      expect(await invalidateCustomerDays(trx, companyId, 'customer-3')).toBeGreaterThan(0);
      await trx.deleteFrom('response').where('company_id', '=', companyId).where('customer_ref', '=', 'customer-3').execute();
    });
    expect((await fromStates()).result).toEqual(await direct());
  });

  it('serves a date filter from the states of its days', async () => {
    await fromStates();
    const range = { fromDay: '2025-01-10', toDay: '2025-02-09' };
    const filtered = await fromStates(range);
    expect(filtered.stats.refoldedDays).toBe(0);
    expect(filtered.result).toEqual(await direct(range));
    expect(filtered.result.n).toBeGreaterThan(50);
    expect(filtered.result.n).toBeLessThan((await direct()).n);
  });

  it('after a purchase import, refolds the days of its customers and keeps the rest', async () => {
    const { db } = ctx.database();
    const before = await fromStates();
    await db.transaction().execute(async (trx) => {
      const { id } = await trx.insertInto('purchase_import').values({ company_id: companyId, source: 'api', status: 'applied', finished_at: new Date() }).returning('id').executeTakeFirstOrThrow();
      await trx
        .insertInto('purchase')
        .values([{ company_id: companyId, customer_ref: 'customer-5', external_id: 'import-1', purchased_at: new Date(start + 20 * DAY), amount_cents: 100, import_id: id }])
        .execute();
      await reportStatesPurchasesChanged(trx, companyId, id);
    });
    const after = await fromStates();
    expect(after.stats.cleanDays).toBeGreaterThan(0);
    expect(after.stats.refoldedDays).toBeGreaterThan(0);
    expect(after.stats.refoldedDays).toBeLessThan(before.stats.cleanDays);
    expect(after.result).toEqual(await direct());
    expect(after.result.purchases).not.toBe(before.result.purchases);
  });

  const stateful = isStateful(createSegmentReport(definition));
  it.skipIf(!stateful)('serves the full segment report from the states as the analytics module computes it from the raw answers', async () => {
    const { db } = ctx.database();
    const versions = await db.selectFrom('survey_version').select(['id', 'version', 'definition']).where('survey_id', '=', surveyId).execute();
    const loadedAt = await purchaseHistoryLoadedAt(db, companyId);
    const create = () => createSegmentReport(versions.map(({ version, definition }) => ({ version, definition })));
    const served = async (range: { fromDay?: string; toDay?: string } = {}) =>
      (await segmentReportFromStates(ctx.database(), { companyId, surveyId, versions, changeEvent: null, period: 'month', observedUntil: loadedAt?.getTime(), create, ...range }))!;
    await invalidateReportStates(db, companyId);
    const cold = await served();
    expect(cold.stats.refoldedDays).toBeGreaterThan(0);
    expectSameReport(cold.report, await feedDirect(create));
    await insert(4);
    const warm = await served();
    // Only today can have changed (earlier tests' responses of today pass the watermark as time goes by).
    expect(warm.stats.refoldedDays + warm.stats.extendedDays).toBeLessThanOrEqual(1);
    expect(warm.stats.cleanDays).toBeGreaterThan(30);
    expect(warm.stats.liveRows).toBeGreaterThanOrEqual(4);
    expectSameReport(warm.report, await feedDirect(create));
    await invalidateReportStates(db, companyId, { surveyId, fromDay: '2025-01-20' });
    expectSameReport((await served()).report, await feedDirect(create));
    const range = { fromDay: '2025-01-05', toDay: '2025-02-01' };
    const filtered = await served(range);
    expect(filtered.report.n).toBeGreaterThan(0);
    expectSameReport(filtered.report, await feedDirect(create, range));
  });

  it('refolds everything when the purchase history changed without the import reaction, or the basis changed', async () => {
    const { db } = ctx.database();
    // An import recorded without the reaction: its time differs from the states' observed_until.
    const { id } = await db.insertInto('purchase_import').values({ company_id: companyId, source: 'api', status: 'applied', finished_at: new Date(Date.now() + 1000) }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('purchase').values({ company_id: companyId, customer_ref: 'customer-6', external_id: 'seeded-1', purchased_at: new Date(start + 30 * DAY), amount_cents: 100, import_id: id }).execute();
    const after = await fromStates();
    expect(after.stats.cleanDays).toBe(0);
    expect(after.result).toEqual(await direct());
    await sql`update report_state set basis = 'another' where survey_id = ${surveyId}`.execute(db);
    const rebased = await fromStates();
    expect(rebased.stats.cleanDays).toBe(0);
    expect(rebased.result).toEqual(await direct());
  });
});
