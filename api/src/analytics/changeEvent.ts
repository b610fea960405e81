/**
 * Before/after an annotated change event (DESIGN.md): the difference in loyal share (after − before,
 * two-proportion z-test) and in NPS (after − before, SE = √(SE²_before + SE²_after) for independent
 * samples, 95% interval ± 1.96·SE as for the NPS itself), plus loyalist-expectation means on both
 * sides. A respondent surveyed at or after the event time is "after". Memory: counters and
 * streaming means.
 *
 * Any event from saved states: `createEventSide` counts every dated respondent into one side (its
 * state is what a segment report saves per day), and `compareEventSides` compares the merged state
 * of the days before an event with that of the days after — the same result as
 * `createChangeEventReport` fed the same respondents.
 */
import { expectState, stateNumber, stateNumbers, stateObject } from './jsonState.js';
import { createMeanAccumulator, UNIT_SCALE, type MeanAccumulator, type MeanResult, type MeanState } from './meanSummary.js';
import { NPS_Z, npsFromCounts, type NpsResult } from './nps.js';
import type { AnalyticsWarning, Interval } from './result.js';
import type { JsonState, MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import type { SurveyScoring } from './surveyScoring.js';
import { twoProportionZTest, type TwoProportionResult } from './twoProportion.js';
import { shareOf, type ShareResult } from './wilson.js';

export interface ChangeEvent {
  /** When the change happened, ms since the epoch. */
  at: number;
  /** What changed, e.g. "new formula"; shown in reports. */
  label?: string;
}

export interface ChangeEventSide {
  n: number;
  /** Loyal share of the side's classified respondents (unclassified left out of n). */
  loyal: ShareResult;
  /** The side's unclassified respondents: in `n` and the NPS, not in the loyal share. */
  unclassified: number;
  nps: NpsResult;
  loyalistExpectations: { item: string; score: MeanResult }[];
}

export interface ChangeEventResult {
  event: ChangeEvent;
  before: ChangeEventSide;
  after: ChangeEventSide;
  /** A = after, B = before: `difference` is the after − before loyal share, of classified respondents. */
  loyalShareDifference: TwoProportionResult;
  npsDifference: { difference: number | null; standardError: number | null; ci95: Interval | null };
  /** Respondents without a survey time, in neither side. */
  undated: number;
  warnings: AnalyticsWarning[];
}

interface SideCounts {
  n: number;
  loyal: number;
  unclassified: number;
  recommend: Float64Array;
  expectations: MeanAccumulator[];
}

/** Loyalist-expectation items of the newest version: ids, and positions in `ScoredRespondent.itemScores`. */
const expectationItemsOf = (scoring: SurveyScoring) =>
  scoring.newest.model.items.flatMap((item, index) => (item.construct === 'loyalist_expectations' ? [{ id: item.id, index }] : []));

const createSideCounts = (items: number): SideCounts => ({
  n: 0,
  loyal: 0,
  unclassified: 0,
  recommend: new Float64Array(11),
  expectations: Array.from({ length: items }, () => createMeanAccumulator()),
});

function countInto(counts: SideCounts, scored: ScoredRespondent, expectationIndexes: readonly number[]): void {
  counts.n++;
  if (scored.segment === 'loyal') counts.loyal++;
  if (scored.segment === 'unclassified') counts.unclassified++;
  const recommend = scored.model.roleIds.recommend;
  // The recommend role is a 0–10 scale (model/roles.ts); a damaged answer is left out.
  const answer = recommend === null ? undefined : scored.respondent.answers[recommend];
  if (typeof answer === 'number' && answer >= 0 && answer <= 10 && Number.isInteger(answer)) {
    counts.recommend[answer] = counts.recommend[answer]! + 1;
  }
  for (let i = 0; i < expectationIndexes.length; i++) counts.expectations[i]!.add(scored.itemScores[expectationIndexes[i]!]!);
}

/** `[n, loyal, unclassified, recommend 0..10 (11 counts)]` and one mean state per expectation item. */
const sideState = (counts: SideCounts): JsonState => ({
  counts: [counts.n, counts.loyal, counts.unclassified, ...counts.recommend],
  expectations: counts.expectations.map((mean) => mean.state()),
});

function mergeSide(counts: SideCounts, saved: JsonState | undefined): void {
  const entries = stateObject(saved ?? null, 'change-event side');
  const values = stateNumbers(entries.counts, 14, 'change-event side counts');
  const expectations = entries.expectations;
  expectState(Array.isArray(expectations) && expectations.length === counts.expectations.length, 'change-event expectation items');
  counts.n += values[0]!;
  counts.loyal += values[1]!;
  counts.unclassified += values[2]!;
  for (let answer = 0; answer <= 10; answer++) counts.recommend[answer] = counts.recommend[answer]! + values[3 + answer]!;
  counts.expectations.forEach((mean, i) => mean.merge(expectations[i] as MeanState));
}

const finishSide = (counts: SideCounts, items: readonly string[]): ChangeEventSide => ({
  n: counts.n,
  loyal: shareOf(counts.loyal, counts.n - counts.unclassified),
  unclassified: counts.unclassified,
  nps: npsFromCounts(counts.recommend),
  loyalistExpectations: items.map((item, i) => ({ item, score: counts.expectations[i]!.finish(UNIT_SCALE) })),
});

function compare(event: ChangeEvent, before: SideCounts, after: SideCounts, undated: number, items: readonly string[]): ChangeEventResult {
  const beforeSide = finishSide(before, items);
  const afterSide = finishSide(after, items);
  const warnings: AnalyticsWarning[] = [];
  if (undated > 0) {
    warnings.push({ code: 'CHANGE_UNDATED', params: { count: undated } });
  }
  const seBefore = beforeSide.nps.standardError;
  const seAfter = afterSide.nps.standardError;
  let npsDifference: ChangeEventResult['npsDifference'] = { difference: null, standardError: null, ci95: null };
  if (beforeSide.nps.nps !== null && afterSide.nps.nps !== null && seBefore !== null && seAfter !== null) {
    const difference = afterSide.nps.nps - beforeSide.nps.nps;
    const standardError = Math.sqrt(seBefore * seBefore + seAfter * seAfter);
    npsDifference = {
      difference,
      standardError,
      ci95: { lower: difference - NPS_Z * standardError, upper: difference + NPS_Z * standardError, level: 0.95 },
    };
  }
  return {
    event,
    before: beforeSide,
    after: afterSide,
    loyalShareDifference: twoProportionZTest(after.loyal, after.n - after.unclassified, before.loyal, before.n - before.unclassified, ['after', 'before']),
    npsDifference,
    undated,
    warnings,
  };
}

/**
 * Accumulate both sides of a change event. NPS from each respondent's own version's recommend
 * question; loyalist expectations are the newest version's items. A saved state names the event
 * time; merging a state of another event throws (StateMismatchError).
 *
 * @example
 * const change = createChangeEventReport(compileSurveyScoring(definition), { at: Date.UTC(2024, 2, 1), label: 'new logo' });
 * scored.forEach(change.add);
 * change.finish().loyalShareDifference.pValue;
 */
export function createChangeEventReport(scoring: SurveyScoring, event: ChangeEvent): MergeableAccumulator<ChangeEventResult> {
  const expectationItems = expectationItemsOf(scoring);
  const indexes = expectationItems.map((item) => item.index);
  const ids = expectationItems.map((item) => item.id);
  const before = createSideCounts(ids.length);
  const after = createSideCounts(ids.length);
  let undated = 0;
  return {
    add(scored: ScoredRespondent) {
      const surveyedAt = scored.respondent.surveyedAt;
      if (surveyedAt === undefined) {
        undated++;
        return;
      }
      countInto(surveyedAt >= event.at ? after : before, scored, indexes);
    },
    finish: () => compare(event, before, after, undated, ids),
    state: (): JsonState => ({ at: event.at, before: sideState(before), after: sideState(after), undated }),
    merge(saved: JsonState) {
      const entries = stateObject(saved, 'change event');
      expectState(stateNumber(entries.at, 'change-event time') === event.at, 'a state of another change event');
      const savedUndated = stateNumber(entries.undated, 'change-event undated count');
      mergeSide(before, entries.before);
      mergeSide(after, entries.after);
      undated += savedUndated;
    },
  };
}

/**
 * One side of any change event: every dated respondent counted, undated ones only counted. Its
 * `finish()` is the side of all of them; its states of the days before and after an event go to
 * `compareEventSides`.
 *
 * @example
 * const side = createEventSide(scoring); scored.forEach(side.add);
 * const saved = side.state(); // { side: { counts, expectations }, undated }
 */
export function createEventSide(scoring: SurveyScoring): MergeableAccumulator<ChangeEventSide> {
  const expectationItems = expectationItemsOf(scoring);
  const indexes = expectationItems.map((item) => item.index);
  const ids = expectationItems.map((item) => item.id);
  const side = createSideCounts(ids.length);
  let undated = 0;
  return {
    add(scored: ScoredRespondent) {
      if (scored.respondent.surveyedAt === undefined) undated++;
      else countInto(side, scored, indexes);
    },
    finish: () => finishSide(side, ids),
    state: (): JsonState => ({ side: sideState(side), undated }),
    merge(saved: JsonState) {
      const entries = stateObject(saved, 'event side');
      const savedUndated = stateNumber(entries.undated, 'event-side undated count');
      mergeSide(side, entries.side);
      undated += savedUndated;
    },
  };
}

/**
 * The before/after comparison of `event` from `createEventSide` states: `before` of the respondents
 * surveyed before `event.at`, `after` of those at or after it (the caller splits the event's own
 * day); undated respondents counted in either state are reported as undated. `expectationItems`:
 * the newest version's loyalist-expectation item ids, in item order.
 *
 * @example
 * compareEventSides({ at: Date.UTC(2024, 2, 1) }, ['fair_price', 'fresh'], beforeSide.state(), afterSide.state()).npsDifference;
 */
export function compareEventSides(event: ChangeEvent, expectationItems: readonly string[], before: JsonState, after: JsonState): ChangeEventResult {
  const sides = [before, after].map((saved) => {
    const entries = stateObject(saved, 'event side');
    const counts = createSideCounts(expectationItems.length);
    mergeSide(counts, entries.side);
    return { counts, undated: stateNumber(entries.undated, 'event-side undated count') };
  });
  return compare(event, sides[0]!.counts, sides[1]!.counts, sides[0]!.undated + sides[1]!.undated, expectationItems);
}
