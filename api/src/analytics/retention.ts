/**
 * Observed 180-day retention (DESIGN.md): by primary segment and by overall-satisfaction level, with
 * Wilson intervals. Retained = any purchase within 180 days after the survey (scoring.ts); purchases
 * after the survey are only ever this outcome. Memory: two counters per segment and per level; a saved
 * state is those counters, merged by adding them.
 */
import { addDenseCounts, denseCounts, stateObject } from './jsonState.js';
import type { AnalyticsWarning } from './result.js';
import type { JsonState, MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import { SEGMENTS, type Segment } from './segments.js';
import type { SurveyScoring } from './surveyScoring.js';
import { shareOf, type ShareResult } from './wilson.js';

export interface RetentionResult {
  /** Respondents with an observed outcome (purchase history and a closed 180-day window). */
  n: number;
  overall: ShareResult;
  bySegment: { segment: Segment; retained: ShareResult }[];
  /** Levels of `question`; empty when the survey has no satisfaction scale. */
  question: string | null;
  byLevel: { level: number; retained: ShareResult }[];
  warnings: AnalyticsWarning[];
}

/**
 * Accumulate retention shares; respondents without an outcome are left out of every denominator.
 * By level: the newest version's overall-satisfaction levels (`ScoredRespondent.level`).
 *
 * @example
 * const retention = createRetention(compileSurveyScoring(fullTemplate()));
 * scored.forEach(retention.add);
 * retention.finish().bySegment[0]; // => { segment: 'loyal', retained: { share: …, ci95: … } }
 */
export function createRetention(scoring: SurveyScoring): MergeableAccumulator<RetentionResult> {
  const question = scoring.levelQuestion;
  const levels = scoring.levels;
  const segmentIndex = new Map(SEGMENTS.map((segment, i) => [segment, i]));
  const segmentN = new Float64Array(SEGMENTS.length);
  const segmentRetained = new Float64Array(SEGMENTS.length);
  const levelN = new Float64Array(levels.length);
  const levelRetained = new Float64Array(levels.length);
  const counters = { segmentN, segmentRetained, levelN, levelRetained };
  return {
    state: (): JsonState => Object.fromEntries(Object.entries(counters).map(([name, counts]) => [name, denseCounts(counts)])),
    merge(saved: JsonState) {
      const entries = stateObject(saved, 'retention');
      for (const [name, counts] of Object.entries(counters)) addDenseCounts(counts, entries[name], `retention ${name}`);
    },
    add(scored: ScoredRespondent) {
      const outcome = scored.scores.retained;
      if (outcome === null) return;
      const s = segmentIndex.get(scored.segment)!;
      segmentN[s] = segmentN[s]! + 1;
      if (outcome) segmentRetained[s] = segmentRetained[s]! + 1;
      const level = scored.level;
      if (level < 0) return;
      levelN[level] = levelN[level]! + 1;
      if (outcome) levelRetained[level] = levelRetained[level]! + 1;
    },
    finish(): RetentionResult {
      const n = segmentN.reduce((sum, value) => sum + value, 0);
      const retained = segmentRetained.reduce((sum, value) => sum + value, 0);
      const warnings: AnalyticsWarning[] = [];
      if (n === 0) {
        warnings.push({ code: 'RETENTION_NO_OUTCOME', params: {} });
      }
      return {
        n,
        overall: shareOf(retained, n),
        bySegment: SEGMENTS.map((segment, i) => ({ segment, retained: shareOf(segmentRetained[i]!, segmentN[i]!) })),
        question: question?.id ?? null,
        byLevel: levels.map((level, i) => ({ level, retained: shareOf(levelRetained[i]!, levelN[i]!) })),
        warnings,
      };
    },
  };
}
