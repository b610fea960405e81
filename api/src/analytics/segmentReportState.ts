/**
 * Saved states of the segment report (issue 17): one per survey version × day, merged over a date
 * range at read instead of re-reading every answer. A state is plain JSON:
 *
 * `{ format, survey, layout, parts: { counts, reliability, drivers, expectations, satisfactionCurve,
 * serviceRecovery, wordOfMouth, retention, eventSide, changeEvent, tests } }` (`tests`: reportTests.ts,
 * the tested parts satisfactionLoyalty, exchangeBySegment, itemNonResponse)
 *
 * - `format`: SEGMENT_REPORT_STATE_FORMAT, raised whenever a part's state changes shape, so a state
 *   saved by older code is recognised (`accepts` is false) and recomputed instead of mixed in;
 * - `survey`: the fingerprint of the scoring it was made for (`segmentReportFingerprint`: versions,
 *   questions without their texts, thresholds); merging a state of another scoring throws;
 * - `layout`: what a cheap read needs without compiling the survey (`headlineOfState`,
 *   `compareAroundEvent`);
 * - `parts`: one named entry per sub-accumulator, each its own `state()`.
 */
import { createHash } from 'node:crypto';
import type { SurveyDefinition, Thresholds } from '../model/definition.js';
import { compareEventSides, type ChangeEvent, type ChangeEventResult } from './changeEvent.js';
import { addDenseCounts, denseCounts, expectState, StateMismatchError, stateNumber, stateNumbers, stateObject } from './jsonState.js';
import type { JsonState } from './scoredRespondent.js';
import { LOYALTY_TYPES, SEGMENTS, type LoyaltyType, type Segment } from './segments.js';
import type { VersionDefinition } from './surveyScoring.js';

/** The shape of today's states; a saved state with another `format` is discarded, never merged. */
export const SEGMENT_REPORT_STATE_FORMAT = 1;

/** Something whose counters can be saved and added back (every part of the report state). */
export interface StatePart {
  state(): JsonState;
  merge(state: JsonState): void;
}

/** What a state says about the survey it was made for, so it can be read without compiling it. */
export type SegmentReportStateLayout = {
  /** Version numbers, oldest first (the order of `counts.versions`). */
  versions: number[];
  /** Levels of the newest version's overall-satisfaction question (the order of `counts.levels`); empty without one. */
  levels: number[];
  /** Id of that question, or null. */
  levelQuestion: string | null;
  /** Whether any version asks the 0–10 recommend question (NPS). */
  recommend: boolean;
  /** The newest version's loyalist-expectation item ids, in item order. */
  expectationItems: string[];
  thresholds: Thresholds;
};

export type SegmentReportState = {
  format: number;
  survey: string;
  layout: SegmentReportStateLayout;
  parts: { [name: string]: JsonState };
};

/** Question fields that change what is scored; texts and labels do not. */
const SCORED_FIELDS = ['id', 'type', 'construct', 'role', 'required', 'showIf', 'min', 'max', 'reversed', 'maxLength'] as const;

/**
 * A short fingerprint (SHA-256, hex) of everything a report state depends on: each version's number
 * and questions (without texts) and the thresholds the segments were cut at. Equal fingerprints, mergeable states.
 *
 * @example
 * segmentReportFingerprint(fullTemplate(), DEFAULT_THRESHOLDS); // => '3f1c…' (32 hex digits)
 */
export function segmentReportFingerprint(survey: SurveyDefinition | readonly VersionDefinition[], thresholds: Thresholds): string {
  const versions = Array.isArray(survey) ? (survey as readonly VersionDefinition[]) : [{ version: 1, definition: survey as SurveyDefinition }];
  const canonical = [...versions]
    .sort((a, b) => a.version - b.version)
    .map(({ version, definition }) => ({
      version,
      questions: definition.questions.map((question) => {
        const fields: Record<string, unknown> = {};
        for (const field of SCORED_FIELDS) if (field in question) fields[field] = (question as Record<string, unknown>)[field];
        if (question.type === 'choice') fields.options = question.options.map((option) => option.value);
        return fields;
      }),
    }));
  const thresholdValues = [thresholds.satisfaction, thresholds.emotional, thresholds.behavioural];
  return createHash('sha256').update(JSON.stringify({ versions: canonical, thresholds: thresholdValues })).digest('hex').slice(0, 32);
}

/**
 * A part made of counters: each Float64Array entry is saved as a plain array, each object entry as
 * an object of numbers (e.g. `{ n, damaged }`); merging adds them cell by cell, after checking
 * every entry, so a damaged state leaves the counters as they were.
 */
export function countersPart(entries: Record<string, Float64Array | Record<string, number>>): StatePart {
  return {
    state: () =>
      Object.fromEntries(
        Object.entries(entries).map(([name, value]) => [name, value instanceof Float64Array ? denseCounts(value) : { ...value }]),
      ),
    merge(saved) {
      const values = stateObject(saved, 'counts');
      const checked = Object.entries(entries).map(([name, target]) => {
        if (target instanceof Float64Array) {
          stateNumbers(values[name], target.length, name);
          return () => addDenseCounts(target, values[name], name);
        }
        const savedCounts = stateObject(values[name], name);
        const keys = Object.keys(target);
        const counts = stateNumbers(keys.map((key) => savedCounts[key] ?? null) as JsonState, keys.length, name);
        return () => keys.forEach((key, i) => (target[key] = target[key]! + counts[i]!));
      });
      for (const add of checked) add();
    },
  };
}

/** A part that is a list of parts of the same length (e.g. one cross-product matrix per construct). */
export function listPart(parts: readonly StatePart[]): StatePart {
  return {
    state: () => parts.map((part) => part.state()),
    merge(saved) {
      expectState(Array.isArray(saved) && saved.length === parts.length, 'list of parts');
      parts.forEach((part, i) => part.merge(saved[i]!));
    },
  };
}

/** `state` as a SegmentReportState of the current format, or a StateMismatchError. */
export function readSegmentReportState(state: JsonState): SegmentReportState {
  const entries = stateObject(state, 'segment report state');
  expectState(entries.format === SEGMENT_REPORT_STATE_FORMAT, `state format ${String(entries.format)}, expected ${SEGMENT_REPORT_STATE_FORMAT}`);
  expectState(typeof entries.survey === 'string', 'survey fingerprint');
  stateObject(entries.layout, 'layout');
  stateObject(entries.parts, 'parts');
  return entries as unknown as SegmentReportState;
}

/** Merges `state` into `parts` if it was made for the survey with `fingerprint`; throws StateMismatchError otherwise. */
export function mergeSegmentReportState(fingerprint: string, parts: Record<string, StatePart | null>, state: JsonState): void {
  const saved = readSegmentReportState(state);
  expectState(saved.survey === fingerprint, 'a state of another survey scoring (versions, questions or thresholds)');
  for (const [name, part] of Object.entries(parts)) {
    if (part === null) continue;
    expectState(name in saved.parts && saved.parts[name] !== null, `part ${name}`);
  }
  for (const [name, part] of Object.entries(parts)) part?.merge(saved.parts[name]!);
}

/**
 * `state`, `merge` and `accepts` of a report over `parts` (null where a part is not kept): the
 * fingerprint is computed once, on first use, and `layout` on each `state()`.
 */
export function createReportStates(
  survey: SurveyDefinition | readonly VersionDefinition[],
  thresholds: Thresholds,
  parts: Record<string, StatePart | null>,
  layout: () => SegmentReportStateLayout,
): { state(): SegmentReportState; merge(state: JsonState): void; accepts(state: JsonState): boolean } {
  let fingerprint: string | undefined;
  const ownFingerprint = () => (fingerprint ??= segmentReportFingerprint(survey, thresholds));
  return {
    state: () => ({
      format: SEGMENT_REPORT_STATE_FORMAT,
      survey: ownFingerprint(),
      layout: layout(),
      parts: Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part?.state() ?? null])),
    }),
    merge: (state) => mergeSegmentReportState(ownFingerprint(), parts, state),
    accepts(state) {
      try {
        return readSegmentReportState(state).survey === ownFingerprint();
      } catch (error) {
        if (error instanceof StateMismatchError) return false;
        throw error;
      }
    },
  };
}

export interface SegmentReportHeadline {
  n: number;
  /** Respondents with S, E and B (n − unclassified). */
  classified: number;
  /** Respondents with E and B (n − unknown loyalty type). */
  withLoyaltyType: number;
  segments: { segment: Segment; count: number }[];
  loyaltyTypes: { type: LoyaltyType; count: number }[];
  /** Answers 0..10 of the recommend question (index = answer); null when no version asks it. */
  recommend: number[] | null;
  /** The overall-satisfaction question's levels and the count at each; null when there is none. */
  satisfaction: { question: string; levels: number[]; counts: number[] } | null;
  versions: { version: number; n: number }[];
  thresholds: Thresholds;
}

/**
 * The headline counts of a state without finishing it (cheap: no statistics, no survey compiled):
 * for the trend, NPS = npsFromCounts(recommend), CSAT = csatFromCounts(satisfaction.counts), the
 * loyal share = segments loyal / classified.
 *
 * @example
 * const week = headlineOfState(mergedWeekState);
 * npsFromCounts(week.recommend ?? []).nps;
 */
export function headlineOfState(state: JsonState): SegmentReportHeadline {
  const { layout, parts } = readSegmentReportState(state);
  const counts = stateObject(parts.counts, 'counts');
  const totals = stateObject(counts.totals, 'totals');
  const n = stateNumber(totals.n, 'n');
  const segments = stateNumbers(counts.segments, SEGMENTS.length, 'segment counts');
  const types = stateNumbers(counts.loyaltyTypes, LOYALTY_TYPES.length, 'loyalty-type counts');
  const levels = stateNumbers(counts.levels, layout.levels.length, 'level counts');
  const versions = stateNumbers(counts.versions, layout.versions.length, 'version counts');
  return {
    n,
    classified: n - segments[SEGMENTS.indexOf('unclassified')]!,
    withLoyaltyType: n - types[LOYALTY_TYPES.indexOf('unknown')]!,
    segments: SEGMENTS.map((segment, i) => ({ segment, count: segments[i]! })),
    loyaltyTypes: LOYALTY_TYPES.map((type, i) => ({ type, count: types[i]! })),
    recommend: layout.recommend ? [...stateNumbers(counts.recommend, 11, 'recommend counts')] : null,
    satisfaction: layout.levelQuestion === null ? null : { question: layout.levelQuestion, levels: [...layout.levels], counts: [...levels] },
    versions: layout.versions.map((version, i) => ({ version, n: versions[i]! })),
    thresholds: { ...layout.thresholds },
  };
}

/**
 * The before/after comparison around any event from saved states (changeEvent.ts): `before` merged
 * from the days before the event (and the event's own day up to `event.at`), `after` from the rest;
 * null for a side without any day. Equal to `createSegmentReport(…, { changeEvent: event })`'s
 * `changeEvent` over the same respondents. Both states must be of the same survey scoring.
 *
 * @example
 * const result = compareAroundEvent({ at: Date.UTC(2025, 2, 1), label: 'new recipe' }, beforeState, afterState);
 * result.loyalShareDifference.pValue;
 */
export function compareAroundEvent(event: ChangeEvent, before: JsonState | null, after: JsonState | null): ChangeEventResult {
  const states = [before, after].map((state) => (state === null ? null : readSegmentReportState(state)));
  const known = states.filter((state) => state !== null);
  if (known.length === 0) throw new StateMismatchError('compareAroundEvent needs the state of at least one side.');
  const survey = known[0]!.survey;
  expectState(known.every((state) => state.survey === survey), 'before and after states of different survey scorings');
  const items = known[0]!.layout.expectationItems;
  const emptySide: JsonState = { side: { counts: new Array<number>(14).fill(0), expectations: items.map(() => [0, 0, 0]) }, undated: 0 };
  const [beforeSide, afterSide] = states.map((state) => (state === null ? emptySide : (state.parts.eventSide ?? null)));
  return compareEventSides(event, items, beforeSide!, afterSide!);
}

/**
 * The drivers' part: the full cross-product matrix, how often each predictor was answered, and the
 * partial matrices of rows missing some predictors keyed by the bit mask of those missing (in mask
 * order, so equal counters give equal states).
 */
export function driversPart(
  full: StatePart,
  predictorAnswered: Float64Array,
  partials: ReadonlyMap<number, { products: StatePart }>,
  partialFor: (missing: number) => { products: StatePart },
): StatePart {
  const limit = 2 ** predictorAnswered.length;
  return {
    state: () => ({
      full: full.state(),
      answered: denseCounts(predictorAnswered),
      partial: [...partials.keys()].sort((a, b) => a - b).map((mask) => [mask, partials.get(mask)!.products.state()]),
    }),
    merge(saved) {
      const entries = stateObject(saved, 'drivers');
      const partial = entries.partial;
      expectState(Array.isArray(partial), 'partial driver matrices');
      for (const entry of partial) {
        expectState(Array.isArray(entry) && entry.length === 2 && Number.isInteger(entry[0]) && (entry[0] as number) > 0 && (entry[0] as number) < limit, 'partial driver matrix');
      }
      addDenseCounts(predictorAnswered, entries.answered, 'predictors answered');
      full.merge(entries.full!);
      for (const entry of partial as JsonState[][]) partialFor(entry[0] as number).products.merge(entry[1]!);
    },
  };
}

/**
 * The headline of several states' respondents together (e.g. the days of one trend week), without
 * merging whole states. All must be of the same layout (the same survey scoring).
 *
 * @example
 * const week = sumHeadlines(dayStates.map(headlineOfState));
 * week.segments[0]!.count / week.classified; // loyal share of the week
 */
export function sumHeadlines(headlines: readonly SegmentReportHeadline[]): SegmentReportHeadline | null {
  if (headlines.length === 0) return null;
  const first = headlines[0]!;
  const sum: SegmentReportHeadline = structuredClone(first);
  for (const headline of headlines.slice(1)) {
    expectState(
      headline.versions.length === sum.versions.length &&
        headline.versions.every((v, i) => v.version === sum.versions[i]!.version) &&
        (headline.recommend === null) === (sum.recommend === null) &&
        (headline.satisfaction?.levels.join() ?? null) === (sum.satisfaction?.levels.join() ?? null),
      'headlines of different survey scorings',
    );
    sum.n += headline.n;
    sum.classified += headline.classified;
    sum.withLoyaltyType += headline.withLoyaltyType;
    headline.segments.forEach((s, i) => (sum.segments[i]!.count += s.count));
    headline.loyaltyTypes.forEach((t, i) => (sum.loyaltyTypes[i]!.count += t.count));
    headline.versions.forEach((v, i) => (sum.versions[i]!.n += v.n));
    headline.recommend?.forEach((count, i) => (sum.recommend![i]! += count));
    headline.satisfaction?.counts.forEach((count, i) => (sum.satisfaction!.counts[i]! += count));
  }
  return sum;
}
