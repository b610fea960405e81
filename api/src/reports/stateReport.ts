/**
 * The one call reports/service.ts makes to serve the segment report from stored day states
 * (reports/state.ts): the basis digest of a survey's report, and the report itself when the
 * accumulator can save and merge its state.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { SegmentReport } from '../analytics/segmentReport.js';
import type { Respondent } from '../analytics/scoring.js';
import type { SurveyDefinition } from '../model/definition.js';
import type { ReportFilter } from './filter.js';
import { respondentLinesQuery, type StreamDatabase } from './queries.js';
import { isStateful, reportFromStates, type StateReportStats } from './state.js';
import { compareAroundEvent } from '../analytics/segmentReportState.js';
import { trendFromDayStates } from './stateTrend.js';
import type { SurveyTrend, TrendPeriod } from './trend.js';

/** Bumped whenever the accumulator's state format changes: every stored state is then refolded. */
export const REPORT_STATE_FORMAT = 2;

/**
 * A digest of everything a stored state depends on: the state format, each version's id, number and
 * definition (its thresholds and items). Not the change event: states are folded without one and the
 * before/after is computed from them for whichever event is chosen (stateTrend.ts).
 * @example reportStateBasis([{ id, version: 1, definition }])
 */
export function reportStateBasis(versions: readonly { id: string; version: number; definition: SurveyDefinition }[]): string {
  const basis = { format: REPORT_STATE_FORMAT, versions: versions.map((v) => [v.id, v.version, v.definition]) };
  return createHash('sha256').update(JSON.stringify(basis)).digest('base64url');
}

/**
 * The day range a report filter asks of the stored states, or null when it filters on anything else
 * (version, language, segment, channel, source: the states are per day only, so those take the live path).
 * @example stateRange({ from: '2026-01-01' }) // => { fromDay: '2026-01-01' }
 * @example stateRange({ segment: 'loyal' }) // => null
 */
export function stateRange(filter: ReportFilter): { fromDay?: string; toDay?: string } | null {
  const { from, to, ...rest } = filter;
  if (Object.values(rest).some((value) => value !== undefined)) return null;
  return { ...(from !== undefined ? { fromDay: from } : {}), ...(to !== undefined ? { toDay: to } : {}) };
}

export interface StateReportInput {
  companyId: string;
  surveyId: string;
  versions: readonly { id: string; version: number; definition: SurveyDefinition }[];
  /** The change event to compare around (computed from the day states), or null. */
  changeEvent: { at: number; label: string } | null;
  /** The trend's period. */
  period: TrendPeriod;
  observedUntil: number | undefined;
  /** A fresh segment-report accumulator (createSegmentReport with the same arguments each time, without a change event). */
  create(): { add(respondent: Respondent): void; finish(): SegmentReport };
  /** UTC days, both inclusive (the report filter's from/to). */
  fromDay?: string;
  toDay?: string;
}

/**
 * The segment report from the stored states, with its trend and its before/after around the change
 * event computed from the same day states, or null when the accumulator cannot save its state (then
 * the caller reads every response as before).
 * @example const served = await segmentReportFromStates(database, { companyId, surveyId, versions, changeEvent: null, period: 'month', observedUntil, create });
 */
export async function segmentReportFromStates(
  database: StreamDatabase,
  input: StateReportInput,
): Promise<{ report: SegmentReport; trend: SurveyTrend; stats: StateReportStats } | null> {
  const probe = input.create();
  if (!isStateful(probe)) return null;
  const create = () => {
    const accumulator = input.create();
    if (!isStateful(accumulator)) throw new Error('the segment report accumulator lost its state()');
    return accumulator;
  };
  const statement = (where: string) => respondentLinesQuery(input.surveyId, input.companyId, input.versions, (value) => pg.escapeLiteral(value), `(${where})`);
  const range = {
    ...(input.fromDay !== undefined ? { fromDay: input.fromDay } : {}),
    ...(input.toDay !== undefined ? { toDay: input.toDay } : {}),
  };
  const { result, stats, days, sides } = await reportFromStates(database, {
    companyId: input.companyId,
    surveyId: input.surveyId,
    basis: reportStateBasis(input.versions),
    create,
    statement,
    observedUntil: input.observedUntil,
    ...(input.changeEvent !== null ? { splitAt: input.changeEvent.at } : {}),
    ...range,
  });
  const trend = trendFromDayStates(days, input.period);
  if (input.changeEvent === null || !sides) return { report: result, trend, stats };
  const change = compareAroundEvent(input.changeEvent, sides.before, sides.after);
  // As createSegmentReport with the event: the comparison and its warnings under part change_event.
  const eventWarnings = [...change.warnings, ...change.loyalShareDifference.warnings].map((warning) => ({
    part: 'change_event' as const,
    code: warning.code,
    params: { ...warning.params },
  }));
  return { report: { ...result, changeEvent: change, warnings: [...result.warnings, ...eventWarnings] }, trend, stats };
}
