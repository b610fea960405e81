import { setImmediate } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { npsFromCounts } from '../analytics/nps.js';
import { createSegmentReport, type SegmentReport } from '../analytics/segmentReport.js';
import type { DatabaseHandle } from '../db/database.js';
import type { Database } from '../db/schema.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import { resolveRoles } from '../model/roles.js';
import { findSurveyVersions } from '../surveys/queries.js';
import { getSurveyHead } from '../surveys/service.js';
import { segmentReportFromStates } from './stateReport.js';
import { withWarningMessages, type WithMessages } from './warningMessages.js';
import {
  latestChangeEvent,
  purchaseHistoryLoadedAt,
  recommendDistribution,
  respondentLinesQuery,
  respondentRows,
} from './queries.js';

/**
 * Response count and NPS with its 95% interval (DESIGN.md), for the dashboard's headline. Each
 * response's recommend answer is read from its own version's recommend question; a damaged one is
 * left out with a warning.
 * @example const summary = await surveySummary({ db, companyId }, surveyId); summary.nps.ci95
 */
export async function surveySummary(scope: TenantScope, surveyId: string) {
  await getSurveyHead(scope, surveyId);
  const versions = await findSurveyVersions(scope, surveyId);
  const questions = versions.flatMap((version) => {
    const recommend = resolveRoles(version.definition).recommend;
    return recommend ? [{ versionId: version.id, questionId: recommend.id }] : [];
  });
  const { total, recommendCounts, damaged } = await recommendDistribution(scope, surveyId, questions);
  const nps = npsFromCounts(recommendCounts);
  // A stored recommend answer that is not a whole number from 0 to 10 is left out of the NPS.
  if (damaged > 0) nps.warnings.push({ code: 'DAMAGED_ANSWERS', params: { count: damaged } });
  return { surveyId, responseCount: total, nps: withWarningMessages(nps) };
}

/**
 * Longest stretch, in ms, the report scores responses without yielding to the event loop. Submissions
 * wait at most about this long per running report (the process runs a few at once, reports/slots.ts).
 */
const REPORT_SLICE_MS = 2;

/** The tenant scope, and a raw client for COPY where there is one (PostgreSQL). */
export type ReportDatabase = TenantScope & Pick<DatabaseHandle, 'acquireClient'>;

/**
 * The full segment report (analytics/segmentReport.ts) over every response, each scored with the
 * version it answered (every version up to the published one, else up to the newest draft, compiled
 * once), the item lists and thresholds those of the newest of them, joined to each customer's
 * purchases where the company imported them.
 * PostgreSQL sends one JSON line per response (reports/queries.ts respondentLinesQuery), by COPY on
 * PostgreSQL and through a cursor on PGlite; each becomes the same Respondent the analytics module
 * would get from the stored row (test/segment-report.test.ts checks it against a direct feed).
 * @example const report = await surveySegmentReport({ db, companyId, acquireClient }, surveyId); report.segments
 */
export async function surveySegmentReport(
  database: ReportDatabase,
  surveyId: string,
): Promise<{ surveyId: string; generatedAt: string; changeEvent: { at: string; title: string } | null; report: WithMessages<SegmentReport> }> {
  const { db } = database;
  const survey = await getSurveyHead(database, surveyId);
  const [versions, loadedAt, changeEvent] = await Promise.all([
    findSurveyVersions(database, surveyId, survey.version ?? undefined),
    purchaseHistoryLoadedAt(db, survey.companyId),
    latestChangeEvent(db, survey.companyId, surveyId),
  ]);
  if (versions.length === 0) throw new ApiError('SURVEY_NOT_FOUND', `The survey ${surveyId} has no definition yet.`);
  const event = changeEvent ? { at: changeEvent.occurredAt.getTime(), label: changeEvent.title } : null;
  const create = () => createSegmentReport(versions.map(({ version, definition }) => ({ version, definition })), event ? { changeEvent: event } : {});
  const observedUntil = loadedAt?.getTime();
  const response = (report: SegmentReport) => ({
    surveyId,
    generatedAt: new Date().toISOString(),
    changeEvent: changeEvent ? { at: changeEvent.occurredAt.toISOString(), title: changeEvent.title } : null,
    report: withWarningMessages(report),
  });
  // From the stored day states (reports/state.ts) once the accumulator can save and merge its state.
  const served = await segmentReportFromStates(database, { companyId: survey.companyId, surveyId, versions, changeEvent: event, observedUntil, create });
  if (served) return response(served.report);
  const accumulator = create();
  const statement = respondentLinesQuery(surveyId, survey.companyId, versions, (value) => pg.escapeLiteral(value));
  const batches = respondentRows(database, statement);
  // Scoring is synchronous: give the event loop back every few milliseconds, so answer submissions
  // are not queued behind a report of a million responses.
  let sliceStart = performance.now();
  const yieldWhenDue = async () => {
    if (performance.now() - sliceStart <= REPORT_SLICE_MS) return;
    await setImmediate();
    sliceStart = performance.now();
  };
  for await (const rows of batches) {
    for (let i = 0; i < rows.length; i++) {
      const [surveyedAt, purchasedAt, answers, version] = rows[i]!;
      // Without a customer reference, or before any purchase import, there is no history to join.
      if (observedUntil === undefined || purchasedAt === null) accumulator.add({ answers, surveyedAt, version });
      else accumulator.add({ answers, surveyedAt, version, purchases: { purchasedAt, observedUntil } });
      if ((i & 1023) === 1023) await yieldWhenDue();
    }
    await yieldWhenDue();
  }
  return response(accumulator.finish());
}
