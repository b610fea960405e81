import type { Kysely } from 'kysely';
import pg from 'pg';
import { npsFromCounts } from '../analytics/nps.js';
import { createSegmentReport, type SegmentReport } from '../analytics/segmentReport.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { getSurveyHead, getSurveyWithDefinition } from '../surveys/service.js';
import { withWarningMessages } from './warningMessages.js';
import {
  copiedRespondentRows,
  cursorRespondentRows,
  latestChangeEvent,
  purchaseHistoryLoadedAt,
  recommendDistribution,
  respondentLinesQuery,
} from './queries.js';

/**
 * Response count and NPS with its 95% interval (DESIGN.md), for the dashboard's headline.
 * @example const summary = await surveySummary(db, surveyId); summary.nps.ci95
 */
export async function surveySummary(db: Kysely<Database>, surveyId: string) {
  await getSurveyHead(db, surveyId);
  const { total, recommendCounts } = await recommendDistribution(db, surveyId);
  return { surveyId, responseCount: total, nps: withWarningMessages(npsFromCounts(recommendCounts)) };
}

/** The database as the report needs it: Kysely, and a raw client for COPY where there is one (PostgreSQL). */
export type ReportDatabase = Pick<DatabaseHandle, 'db' | 'acquireClient'>;

/**
 * The full segment report (analytics/segmentReport.ts) over every response, scored with the survey's
 * current definition and thresholds, joined to each customer's purchases where the company imported them.
 * PostgreSQL sends one JSON line per response (reports/queries.ts respondentLinesQuery), by COPY on
 * PostgreSQL and through a cursor on PGlite; each becomes the same Respondent the analytics module
 * would get from the stored row (test/segment-report.test.ts checks it against a direct feed).
 * @example const report = await surveySegmentReport({ db, acquireClient }, surveyId); report.segments
 */
export async function surveySegmentReport(
  database: ReportDatabase,
  surveyId: string,
): Promise<{ surveyId: string; generatedAt: string; changeEvent: { at: string; title: string } | null; report: SegmentReport }> {
  const { db, acquireClient } = database;
  const survey = await getSurveyWithDefinition(db, surveyId);
  const [loadedAt, changeEvent] = await Promise.all([
    purchaseHistoryLoadedAt(db, survey.companyId),
    latestChangeEvent(db, survey.companyId, surveyId),
  ]);
  const accumulator = createSegmentReport(
    survey.definition,
    changeEvent ? { changeEvent: { at: changeEvent.occurredAt.getTime(), label: changeEvent.title } } : {},
  );
  const observedUntil = loadedAt?.getTime();
  const statement = respondentLinesQuery(surveyId, survey.companyId, (value) => pg.escapeLiteral(value));
  const batches = acquireClient ? copiedRespondentRows(acquireClient, statement) : cursorRespondentRows(db, statement);
  for await (const rows of batches) {
    for (const [surveyedAt, purchasedAt, answers] of rows) {
      // Without a customer reference, or before any purchase import, there is no history to join.
      if (observedUntil === undefined || purchasedAt === null) accumulator.add({ answers, surveyedAt });
      else accumulator.add({ answers, surveyedAt, purchases: { purchasedAt, observedUntil } });
    }
  }
  return {
    surveyId,
    generatedAt: new Date().toISOString(),
    changeEvent: changeEvent ? { at: changeEvent.occurredAt.toISOString(), title: changeEvent.title } : null,
    report: withWarningMessages(accumulator.finish()),
  };
}
