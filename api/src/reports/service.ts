import type { Kysely } from 'kysely';
import { netPromoterScore } from '../analytics/nps.js';
import type { PurchaseHistory } from '../analytics/scoring.js';
import { createSegmentReport, type SegmentReport } from '../analytics/segmentReport.js';
import type { Database } from '../db/schema.js';
import { getSurveyWithDefinition } from '../surveys/service.js';
import { latestChangeEvent, purchaseHistoryLoadedAt, recommendDistribution, streamRespondents } from './queries.js';

/**
 * Response count and NPS with its 95% interval (DESIGN.md), for the dashboard's headline.
 * @example const summary = await surveySummary(db, surveyId); summary.nps.ci95
 */
export async function surveySummary(db: Kysely<Database>, surveyId: string) {
  await getSurveyWithDefinition(db, surveyId);
  const { total, recommendCounts } = await recommendDistribution(db, surveyId);
  // The NPS function takes the answers themselves; 11 distinct values expand cheaply.
  const recommend = [...recommendCounts].flatMap(([value, n]) => Array<number>(n).fill(value));
  return { surveyId, responseCount: total, nps: netPromoterScore(recommend) };
}

/**
 * The full segment report (analytics/segmentReport.ts) over every response, scored with the survey's
 * current definition and thresholds, joined to each customer's purchases where the company imported them.
 * @example const report = await surveySegmentReport(db, surveyId); report.segments
 */
export async function surveySegmentReport(
  db: Kysely<Database>,
  surveyId: string,
): Promise<{ surveyId: string; generatedAt: string; changeEvent: { at: string; title: string } | null; report: SegmentReport }> {
  const survey = await getSurveyWithDefinition(db, surveyId);
  const [loadedAt, changeEvent] = await Promise.all([
    purchaseHistoryLoadedAt(db, survey.companyId),
    latestChangeEvent(db, survey.companyId, surveyId),
  ]);
  const accumulator = createSegmentReport(
    survey.definition,
    changeEvent ? { changeEvent: { at: changeEvent.occurredAt.getTime(), label: changeEvent.title } } : {},
  );
  for await (const row of streamRespondents(db, surveyId, survey.companyId)) {
    // Without a customer reference, or before any purchase import, there is no history to join.
    const purchases: PurchaseHistory | undefined =
      loadedAt && row.customerRef
        ? { purchasedAt: (row.purchaseTimes ?? []).map((time) => time.getTime()), observedUntil: loadedAt.getTime() }
        : undefined;
    accumulator.add({ answers: row.answers, surveyedAt: row.submittedAt.getTime(), ...(purchases ? { purchases } : {}) });
  }
  return {
    surveyId,
    generatedAt: new Date().toISOString(),
    changeEvent: changeEvent ? { at: changeEvent.occurredAt.toISOString(), title: changeEvent.title } : null,
    report: accumulator.finish(),
  };
}
