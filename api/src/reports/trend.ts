/**
 * The report's trend (issue 17): NPS, CSAT and the loyal and satisfied-not-loyal shares per week or
 * month, with intervals, from the stored per-respondent scores (migrations/0005) in one SQL query.
 * Periods are calendar weeks (Monday first) or months in UTC; every period from the first response to
 * the last is listed, and one under `TREND_MINIMUM_N` respondents is marked `belowMinimum`, not hidden.
 */
import { sql } from 'kysely';
import { npsFromCounts, type NpsResult } from '../analytics/nps.js';
import { shareOf, type ShareResult } from '../analytics/wilson.js';
import type { TenantScope } from '../db/tenant.js';
import { resolveRoles } from '../model/roles.js';
import { surveyReadContext, type SurveyReadContext } from './context.js';
import { segmentSql, type ReportFilter } from './filter.js';

export const TREND_PERIODS = ['week', 'month'] as const;
export type TrendPeriod = (typeof TREND_PERIODS)[number];

/** Periods with fewer respondents than this are marked (DESIGN.md's small-sample n). */
export const TREND_MINIMUM_N = 30;

export interface TrendPoint {
  /** First instant of the period (UTC), ISO 8601. */
  start: string;
  /** First instant of the next period. */
  end: string;
  /** Respondents in the period (after the filter). */
  n: number;
  nps: NpsResult;
  /** Overall satisfaction: the mean answer, and the share in the top two boxes of each version's scale (Wilson). */
  csat: { n: number; mean: number | null; topTwoBox: ShareResult };
  /** Loyal among the classified respondents (S, E and B known), as the report's segment shares. */
  loyal: ShareResult;
  satisfiedNotLoyal: ShareResult;
  belowMinimum: boolean;
}

export interface SurveyTrend {
  period: TrendPeriod;
  minimumN: number;
  points: TrendPoint[];
}

interface TrendRow {
  start: Date;
  n: string;
  promoters: string;
  passives: string;
  detractors: string;
  csat_n: string;
  csat_sum: string | number | null;
  csat_top_two: string;
  classified: string;
  loyal: string;
  satisfied_not_loyal: string;
}

/** The start of the period after the one starting at `start` (UTC). */
function nextStart(start: Date, period: TrendPeriod): Date {
  const next = new Date(start);
  if (period === 'week') next.setUTCDate(next.getUTCDate() + 7);
  else next.setUTCMonth(next.getUTCMonth() + 1);
  return next;
}

/**
 * The trend of a survey's responses under `filter`, by `period`. `context` saves the survey lookups
 * when the caller (the report) has them already.
 * @example const trend = await surveyTrend(scope, surveyId, { from: '2026-01-01' }, 'week'); trend.points[0].nps.nps
 */
export async function surveyTrend(
  scope: TenantScope,
  surveyId: string,
  filter: ReportFilter,
  period: TrendPeriod,
  context?: SurveyReadContext,
): Promise<SurveyTrend> {
  const read = context ?? (await surveyReadContext(scope, surveyId, filter));
  const recommendCases: ReturnType<typeof sql>[] = [];
  const topTwoCases: ReturnType<typeof sql>[] = [];
  for (const version of read.versions) {
    const roles = resolveRoles(version.definition);
    if (roles.recommend) recommendCases.push(sql`when ${version.id}::uuid then r.answers -> ${roles.recommend.id}`);
    if (roles.overall_satisfaction) topTwoCases.push(sql`when ${version.id}::uuid then ${roles.overall_satisfaction.max - 1}::int`);
  }
  // The recommend answer as a number when it is a whole number 0..10 (a damaged one is left out, as in the NPS).
  const answer = recommendCases.length === 0 ? sql`null::jsonb` : sql`case r.survey_version_id ${sql.join(recommendCases, sql` `)} end`;
  const topTwoFrom = topTwoCases.length === 0 ? sql`null::int` : sql`case r.survey_version_id ${sql.join(topTwoCases, sql` `)} end`;
  const segment = segmentSql(read.thresholds, 'r');
  const unit = sql.lit(period);
  const rows = await sql<TrendRow>`
    with scored as (
      select date_trunc(${unit}, r.submitted_at, 'UTC') as start,
             case when jsonb_typeof(a.recommend) = 'number' and (a.recommend::text)::numeric between 0 and 10
                       and (a.recommend::text)::numeric % 1 = 0 then (a.recommend::text)::numeric end as recommend,
             r.satisfaction_level as level, ${topTwoFrom} as top_two_from, ${segment} as segment
      from response r cross join lateral (select ${answer} as recommend) a
      where r.company_id = ${scope.companyId} and r.survey_id = ${surveyId} and ${read.condition('r')})
    select start, count(*) as n,
           count(*) filter (where recommend >= 9) as promoters,
           count(*) filter (where recommend between 7 and 8) as passives,
           count(*) filter (where recommend <= 6) as detractors,
           count(level) as csat_n, sum(level) as csat_sum,
           count(*) filter (where level >= top_two_from) as csat_top_two,
           count(*) filter (where segment <> 'unclassified') as classified,
           count(*) filter (where segment = 'loyal') as loyal,
           count(*) filter (where segment = 'satisfied_not_loyal') as satisfied_not_loyal
    from scored group by start order by start`.execute(scope.db);

  const count = (value: string | undefined) => Number(value ?? 0);
  const byStart = new Map<number, TrendCounts>(
    rows.rows.map((row) => [
      new Date(row.start).getTime(),
      {
        n: count(row.n),
        promoters: count(row.promoters),
        passives: count(row.passives),
        detractors: count(row.detractors),
        csatN: count(row.csat_n),
        csatSum: Number(row.csat_sum ?? 0),
        csatTopTwo: count(row.csat_top_two),
        classified: count(row.classified),
        loyal: count(row.loyal),
        satisfiedNotLoyal: count(row.satisfied_not_loyal),
      },
    ]),
  );
  return trendOfCounts(period, byStart);
}

/** What one trend point is computed from: the period's counts (reports/trend.ts SQL, or summed day states in stateTrend.ts). */
export interface TrendCounts {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Respondents with an overall-satisfaction answer, the sum of those answers, and how many are in each version's top two boxes. */
  csatN: number;
  csatSum: number;
  csatTopTwo: number;
  /** Respondents with S, E and B known, and the loyal and satisfied-not-loyal among them. */
  classified: number;
  loyal: number;
  satisfiedNotLoyal: number;
}

/** The UTC start of the week (Monday, as date_trunc('week')) or month holding the instant `ms`. */
export function periodStart(ms: number, period: TrendPeriod): number {
  const date = new Date(ms);
  if (period === 'month') return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
  const day = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return day - ((date.getUTCDay() + 6) % 7) * 86_400_000;
}

/**
 * The trend from each period's counts keyed by its start (ms): every period from the first to the
 * last listed, a gap with n = 0. Both the SQL trend and the one from day states (stateTrend.ts) end here.
 * @example trendOfCounts('week', new Map([[Date.UTC(2026, 0, 5), counts]])).points[0].start // => '2026-01-05T00:00:00.000Z'
 */
export function trendOfCounts(period: TrendPeriod, byStart: ReadonlyMap<number, TrendCounts>): SurveyTrend {
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  const points: TrendPoint[] = [];
  if (starts.length > 0) {
    const last = starts.at(-1)!;
    for (let start = new Date(starts[0]!); start.getTime() <= last; start = nextStart(start, period)) {
      points.push(trendPoint(start, nextStart(start, period), byStart.get(start.getTime())));
    }
  }
  return { period, minimumN: TREND_MINIMUM_N, points };
}

function trendPoint(start: Date, end: Date, counts: TrendCounts | undefined): TrendPoint {
  const n = counts?.n ?? 0;
  const nps = new Float64Array(11);
  nps[0] = counts?.detractors ?? 0;
  nps[7] = counts?.passives ?? 0;
  nps[9] = counts?.promoters ?? 0;
  const csatN = counts?.csatN ?? 0;
  const classified = counts?.classified ?? 0;
  return {
    start: start.toISOString(),
    end: end.toISOString(),
    n,
    nps: npsFromCounts(nps),
    csat: {
      n: csatN,
      mean: csatN === 0 ? null : counts!.csatSum / csatN,
      topTwoBox: shareOf(counts?.csatTopTwo ?? 0, csatN),
    },
    loyal: shareOf(counts?.loyal ?? 0, classified),
    satisfiedNotLoyal: shareOf(counts?.satisfiedNotLoyal ?? 0, classified),
    belowMinimum: n < TREND_MINIMUM_N,
  };
}
