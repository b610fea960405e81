import { setImmediate } from 'node:timers/promises';
import pg from 'pg';
import { npsFromCounts } from '../analytics/nps.js';
import { createSegmentReport, type SegmentReport } from '../analytics/segmentReport.js';
import type { DatabaseHandle } from '../db/database.js';
import type { TenantScope } from '../db/tenant.js';
import { ApiError } from '../errors.js';
import type { Warning } from '../model/warnings.js';
import { resolveRoles } from '../model/roles.js';
import { isUuid } from '../surveys/schemas.js';
import { surveyReadContext } from './context.js';
import { isEmptyFilter, type ReportFilter } from './filter.js';
import { inlineCondition } from './filterText.js';
import { surveyTrend, type SurveyTrend, type TrendPeriod } from './trend.js';
import { segmentReportFromStates, stateRange } from './stateReport.js';
import { withWarningMessages, type WithMessages } from './warningMessages.js';
import {
  purchasesLastImported,
  recommendDistribution,
  respondentLinesQuery,
  respondentRows,
  surveyChangeEvents,
} from './queries.js';

/**
 * Response count and NPS with its 95% interval (DESIGN.md), for the dashboard's headline, over the
 * responses the filter keeps (reports/filter.ts). Each response's recommend answer is read from its
 * own version's recommend question; a damaged one is left out with a warning.
 * @example const summary = await surveySummary({ db, companyId }, surveyId, { language: 'ru' }); summary.nps.ci95
 */
export async function surveySummary(scope: TenantScope, surveyId: string, filter: ReportFilter = {}) {
  const context = await surveyReadContext(scope, surveyId, filter, { allVersions: true });
  const questions = context.versions.flatMap((version) => {
    const recommend = resolveRoles(version.definition).recommend;
    return recommend ? [{ versionId: version.id, questionId: recommend.id }] : [];
  });
  const { total, recommendCounts, damaged } = await recommendDistribution(scope, surveyId, questions, context.condition('response'));
  const nps = npsFromCounts(recommendCounts);
  // A stored recommend answer that is not a whole number from 0 to 10 is left out of the NPS.
  if (damaged > 0) nps.warnings.push({ code: 'DAMAGED_ANSWERS', params: { count: damaged } });
  return { surveyId, filter, responseCount: total, nps: withWarningMessages(nps), warnings: withWarningMessages(filterWarnings(filter, total)) };
}

/** FILTER_MATCHES_NONE when a filter is set and keeps nobody. */
function filterWarnings(filter: ReportFilter, n: number): Warning[] {
  return !isEmptyFilter(filter) && n === 0 ? [{ code: 'FILTER_MATCHES_NONE', params: {} }] : [];
}

/**
 * Longest stretch, in ms, the report scores responses without yielding to the event loop. Submissions
 * wait at most about this long per running report (the process runs a few at once, reports/slots.ts).
 */
const REPORT_SLICE_MS = 2;

/** The tenant scope, and a raw client for COPY where there is one (PostgreSQL). */
export type ReportDatabase = TenantScope & Pick<DatabaseHandle, 'acquireClient'>;

export interface SegmentReportOptions {
  filter?: ReportFilter;
  /** The change event to compare before and after; default the latest of the survey or its company. */
  eventId?: string;
  /** The trend's period; default month. */
  period?: TrendPeriod;
}

export interface SurveySegmentReportResult {
  surveyId: string;
  generatedAt: string;
  /** The filter applied (empty: every response). */
  filter: ReportFilter;
  changeEvent: { at: string; title: string } | null;
  /** Every change event the before/after can compare around, newest first; `chosen` marks the one used. */
  changeEvents: { id: string; title: string; occurredAt: string; scope: 'survey' | 'company'; chosen: boolean }[];
  purchasesImported: { at: string; source: 'import' | 'purchase_rows' } | null;
  trend: WithMessages<SurveyTrend>;
  warnings: WithMessages<Warning[]>;
  report: WithMessages<SegmentReport>;
}

/**
 * The full segment report (analytics/segmentReport.ts) over the responses the filter keeps, each
 * scored with the version it answered (every version up to the published one, else up to the newest
 * draft, compiled once), the item lists and thresholds those of the newest of them, joined to each
 * customer's purchases where the company imported them; beside it the trend (reports/trend.ts, run
 * at the same time; from the day states when the report is, reports/stateTrend.ts), and the change events to choose from.
 * PostgreSQL sends one JSON line per response (reports/queries.ts respondentLinesQuery), by COPY on
 * PostgreSQL and through a cursor on PGlite; each becomes the same Respondent the analytics module
 * would get from the stored row (test/segment-report.test.ts checks it against a direct feed).
 * 400 INVALID_FILTER naming `event` for an event that is not the survey's or its company's.
 * @example const result = await surveySegmentReport({ db, companyId, acquireClient }, surveyId, { filter: { segment: 'loyal' } }); result.report.segments
 */
export async function surveySegmentReport(
  database: ReportDatabase,
  surveyId: string,
  options: SegmentReportOptions = {},
): Promise<SurveySegmentReportResult> {
  const { db } = database;
  const filter = options.filter ?? {};
  if (options.eventId !== undefined && !isUuid(options.eventId)) refuseEvent(options.eventId);
  const context = await surveyReadContext(database, surveyId, filter);
  const { survey, versions } = context;
  const [imported, events] = await Promise.all([purchasesLastImported(db, survey.companyId), surveyChangeEvents(db, survey.companyId, surveyId)]);
  if (versions.length === 0) throw new ApiError('SURVEY_NOT_FOUND', `The survey ${surveyId} has no definition yet.`);
  const chosen = options.eventId === undefined ? events[0] : events.find((event) => event.id === options.eventId);
  if (options.eventId !== undefined && chosen === undefined) refuseEvent(options.eventId);
  const event = chosen ? { at: chosen.occurredAt.getTime(), label: chosen.title } : null;
  const definitions = versions.map(({ version, definition }) => ({ version, definition }));
  const create = () => createSegmentReport(definitions, event ? { changeEvent: event } : {});
  const observedUntil = imported?.at.getTime();
  const statement = respondentLinesQuery(surveyId, survey.companyId, versions, (value) => pg.escapeLiteral(value), inlineCondition(db, context.condition('r')));
  const period = options.period ?? 'month';
  // Unfiltered or by day only: the report, its trend and its before/after from the stored day states
  // (reports/state.ts, stateTrend.ts), folded without an event; any other filter reads live.
  const range = stateRange(filter);
  const served = range
    ? await segmentReportFromStates(database, {
        companyId: survey.companyId,
        surveyId,
        versions,
        changeEvent: event,
        period,
        observedUntil,
        create: () => createSegmentReport(definitions),
        ...range,
      })
    : null;
  const trendPromise = served ? Promise.resolve(served.trend) : surveyTrend(database, surveyId, filter, period, context);
  // Keep a failing trend from being an unhandled rejection while the report still streams.
  trendPromise.catch(() => {});
  const accumulator = create();
  const batches = served ? (async function* () {})() : respondentRows(database, statement);
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
  const report = served ? served.report : accumulator.finish();
  const trend = await trendPromise;
  return {
    surveyId,
    generatedAt: new Date().toISOString(),
    filter,
    changeEvent: chosen ? { at: chosen.occurredAt.toISOString(), title: chosen.title } : null,
    changeEvents: events.map((event) => ({
      id: event.id,
      title: event.title,
      occurredAt: event.occurredAt.toISOString(),
      scope: event.surveyId === null ? 'company' : 'survey',
      chosen: event === chosen,
    })),
    purchasesImported: imported ? { at: imported.at.toISOString(), source: imported.source } : null,
    trend: withWarningMessages(trend),
    warnings: withWarningMessages(filterWarnings(filter, report.n)),
    report: withWarningMessages(report),
  };
}

function refuseEvent(eventId: string): never {
  const message = `"${eventId}" is not a change event of this survey or its company.`;
  throw new ApiError('INVALID_FILTER', `event: ${message}`, [{ path: '/query/event', message }]);
}
