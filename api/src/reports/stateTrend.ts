/**
 * What the report derives from the day states it merged (reports/state.ts `reportFromStates` → `days`),
 * so a report served from states reads no response twice (issue 17):
 * - the trend: each day's headline (analytics `headlineOfState`) summed per week or month and turned
 *   into points by the same code as the SQL trend (trend.ts `trendOfCounts`);
 * - (the before/after around any change event is reportFromStates' `splitAt`: the days before the
 *   event's UTC day merged into one state, the days after into another, the event's own day read live
 *   and split at the instant, then `compareAroundEvent` in stateReport.ts. So choosing another event
 *   refolds nothing.)
 */
import { headlineOfState, sumHeadlines, type SegmentReportHeadline } from '../analytics/segmentReportState.js';
import { dayStart, type DayState } from './state.js';
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
