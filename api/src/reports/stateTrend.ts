/**
 * What the report derives from the day states it merged (reports/state.ts `reportFromStates` → `days`),
 * so a report served from states reads no response twice (issue 17):
 * - the trend: each day's headline (analytics `headlineOfState`) summed per week or month and turned
 *   into points by the same code as the SQL trend (trend.ts `trendOfCounts`);
 * - the before/after around any change event: the days before the event's UTC day merged into one
 *   state, the days after into another, the event's own day read live and split at the instant, then
 *   `compareAroundEvent`. So choosing another event refolds nothing.
 */
import type { ChangeEvent, ChangeEventResult } from '../analytics/changeEvent.js';
import type { JsonState } from '../analytics/scoredRespondent.js';
import { compareAroundEvent, headlineOfState, sumHeadlines, type SegmentReportHeadline } from '../analytics/segmentReportState.js';
import type { StreamDatabase } from './queries.js';
import { DAY_MS, dayOf, dayStart, feed, rangesCondition, respondentOf, type DayState, type StatefulReport } from './state.js';
import { periodStart, trendOfCounts, type SurveyTrend, type TrendCounts, type TrendPeriod } from './trend.js';

/** A period's counts from its summed headline (loyal and satisfied-not-loyal shares of the classified, as the segment report). */
function countsOfHeadline(headline: SegmentReportHeadline): TrendCounts {
  const recommend = headline.recommend ?? [];
  let detractors = 0;
  let passives = 0;
  let promoters = 0;
  recommend.forEach((count, answer) => {
    if (answer <= 6) detractors += count;
    else if (answer <= 8) passives += count;
    else promoters += count;
  });
  let csatN = 0;
  let csatSum = 0;
  let csatTopTwo = 0;
  const satisfaction = headline.satisfaction;
  if (satisfaction) {
    const top = Math.max(...satisfaction.levels);
    satisfaction.levels.forEach((level, i) => {
      const count = satisfaction.counts[i]!;
      csatN += count;
      csatSum += level * count;
      if (level >= top - 1) csatTopTwo += count;
    });
  }
  const segment = (name: string) => headline.segments.find((s) => s.segment === name)?.count ?? 0;
  return {
    n: headline.n,
    promoters,
    passives,
    detractors,
    csatN,
    csatSum,
    csatTopTwo,
    classified: headline.classified,
    loyal: segment('loyal'),
    satisfiedNotLoyal: segment('satisfied_not_loyal'),
  };
}

/**
 * The trend by `period` from day states: equal to trend.ts `surveyTrend` over the same respondents
 * (test/report-state-trend.test.ts).
 * @example const trend = trendFromDayStates(served.days, 'week'); trend.points[0].nps.nps
 */
export function trendFromDayStates(days: readonly DayState[], period: TrendPeriod): SurveyTrend {
  const byPeriod = new Map<number, SegmentReportHeadline[]>();
  for (const { day, state } of days) {
    const start = periodStart(dayStart(day), period);
    let list = byPeriod.get(start);
    if (!list) byPeriod.set(start, (list = []));
    list.push(headlineOfState(state));
  }
  const counts = new Map<number, TrendCounts>();
  for (const [start, headlines] of byPeriod) {
    const sum = sumHeadlines(headlines);
    if (sum && sum.n > 0) counts.set(start, countsOfHeadline(sum));
  }
  return trendOfCounts(period, counts);
}

export interface EventFromStatesInput<State extends JsonState> {
  event: ChangeEvent;
  days: readonly DayState<State>[];
  /** A fresh accumulator without a change event (the one the states were folded with). */
  create(): StatefulReport<unknown, State>;
  /** respondentLinesQuery of the survey with one more condition (alias r), as for the fold. */
  statement(where: string): string;
  observedUntil: number | undefined;
  /** The report's day range (both inclusive); the event's day is read only inside it. */
  fromDay?: string;
  toDay?: string;
}

/**
 * The before/after around `event` from day states: equal to the `changeEvent` of a report created
 * with `{ changeEvent: event }` over the same respondents (test/report-state-trend.test.ts). Reads
 * only the event's own UTC day (if inside the range).
 * @example const change = await changeEventFromDayStates(database, { event, days: served.days, create, statement, observedUntil });
 */
export async function changeEventFromDayStates<State extends JsonState>(
  database: StreamDatabase,
  input: EventFromStatesInput<State>,
): Promise<ChangeEventResult> {
  const { event } = input;
  const eventDay = dayOf(event.at);
  const before = input.create();
  const after = input.create();
  for (const { day, state } of input.days) {
    if (day < eventDay) before.merge(state);
    else if (day > eventDay) after.merge(state);
  }
  const inRange = (input.fromDay === undefined || input.fromDay <= eventDay) && (input.toDay === undefined || eventDay <= input.toDay);
  if (inRange) {
    const start = dayStart(eventDay);
    await feed(database, input.statement(rangesCondition([[start, start + DAY_MS]])), (row) => {
      (row[0] < event.at ? before : after).add(respondentOf(row, input.observedUntil));
    });
  }
  return compareAroundEvent(event, before.state(), after.state());
}
