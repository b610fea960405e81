/**
 * Word of mouth (DESIGN.md): mean people told, positive and negative, by overall-satisfaction level,
 * and the negative/positive ratio Σnegative / Σpositive with a 95% percentile bootstrap interval from
 * a seeded generator (same input and seed, same interval).
 *
 * The bootstrap is the Poisson bootstrap (Hanley & MacGibbon 2006, "Creating non-parametric bootstrap
 * samples using Poisson frequencies", Comput. Methods Programs Biomed. 83; Chamandy et al. 2012,
 * "Estimating uncertainty for massive data streams"): each respondent's weight in a resample is
 * Poisson(1) instead of a multinomial count, so c respondents with identical answers together weigh
 * Poisson(c). That lets the report keep one counter per distinct (level, positive, negative) answer
 * instead of every respondent — memory O(distinct answers), bootstrap cost O(resamples × distinct
 * answers) — where resampling individuals would cost a minute at a million respondents. A saved
 * state is those counters as [key, count] pairs in key order plus the means' states, so merged
 * states resample exactly as one accumulator fed every respondent would. The ratio is a
 * ratio of weighted sums, so the random total weight cancels out; for large n the Poisson and the
 * classic bootstrap agree (both are asymptotically the sampling distribution).
 */
import type { Answers, CountQuestion } from '../model/definition.js';
import { expectState, stateNumber, stateObject } from './jsonState.js';
import { createMeanAccumulator, type MeanAccumulator, type MeanResult, type MeanState } from './meanSummary.js';
import { poissonSampler } from './poisson.js';
import type { AnalyticsWarning, Interval } from './result.js';
import type { JsonState, MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import { fitsCount } from './scoring.js';
import { mulberry32 } from './seededRandom.js';
import type { SurveyScoring } from './surveyScoring.js';

export const DEFAULT_BOOTSTRAP_RESAMPLES = 1000;
export const DEFAULT_BOOTSTRAP_SEED = 20240601;
/**
 * The last bootstrap intervals by their exact input (seed, resamples, groups, key base and every cell
 * with its count), least recently used dropped first. The bootstrap is the costliest part of a report
 * (≈ 0.4 s of a warm 200,000-response report, docs/BENCHMARKS.md), and a dashboard asks for the same
 * report again and again; the answer is a pure function of this input, so a hit returns the same
 * intervals the resampling would.
 */
const BOOTSTRAP_CACHE = new Map<string, (Interval | null)[]>();
const BOOTSTRAP_CACHE_SIZE = 64;
/** Level byte of a respondent who told counts but did not answer the satisfaction level. */
const NO_LEVEL = 255;

export interface BootstrapOptions {
  resamples?: number;
  seed?: number;
}

export interface WordOfMouthRatio {
  /** Respondents who answered both counts. */
  n: number;
  /** Σ told_negative / Σ told_positive; null when nobody told anyone anything positive. */
  ratio: number | null;
  /** Percentile Poisson-bootstrap interval (R `quantile(type = 7)` of the resampled ratios); null when undefined in a resample. */
  ci95: Interval | null;
}

export interface WordOfMouthGroup {
  positive: MeanResult;
  negative: MeanResult;
  ratio: WordOfMouthRatio;
}

export interface WordOfMouthResult {
  overall: WordOfMouthGroup;
  question: string | null;
  byLevel: ({ level: number } & WordOfMouthGroup)[];
  resamples: number;
  seed: number;
  warnings: AnalyticsWarning[];
}

/**
 * R's default sample quantile (type 7): linear interpolation at h = (m − 1)·p of sorted values.
 *
 * @example
 * quantileType7(Float64Array.of(1, 2, 3, 4), 0.5); // => 2.5
 */
export function quantileType7(sorted: Float64Array, probability: number): number {
  const h = (sorted.length - 1) * probability;
  const low = Math.floor(h);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (h - low) * (sorted[high]! - sorted[low]!);
}

/** The answer to a people-told question, or null when it has none, or none that fits the question. */
function toldCount(answers: Answers, question: CountQuestion | undefined): number | null {
  if (question === undefined) return null;
  const answer = answers[question.id];
  return fitsCount(answer, question) ? answer : null;
}

/** Counts up to 2²¹ − 1 fit a cell key; the template asks for at most 1000. */
const COUNT_LIMIT = 2 ** 21;
/** Keys below this are small integers, which a Map hashes without allocating. */
const SMALL_KEY_LIMIT = 2 ** 30;

/**
 * Accumulate word of mouth; `finish` runs the bootstrap.
 *
 * Resampling: distinct answers (cells) are sorted by (level, positive, negative), with "no level"
 * last; for each of `resamples` rounds every cell in that order gets a weight Poisson(count) drawn
 * with mulberry32(seed) (one stream for the whole run), and the overall and per-level ratios are
 * computed from the same weights. The interval is R's `quantile(type = 7)` at 2.5% and 97.5%.
 * The counts are the answers to each respondent's own told_positive and told_negative questions (an
 * answer outside its question's range is unanswered); levels are `ScoredRespondent.level`.
 *
 * @example
 * const wom = createWordOfMouth(compileSurveyScoring(fullTemplate()), { resamples: 1000, seed: 7 });
 * scored.forEach(wom.add);
 * wom.finish().overall.ratio; // => { n, ratio: 2.1, ci95: { lower: 1.8, upper: 2.5, level: 0.95 } }
 */
export function createWordOfMouth(
  scoring: SurveyScoring,
  options: BootstrapOptions = {},
): MergeableAccumulator<WordOfMouthResult> {
  const resamples = options.resamples ?? DEFAULT_BOOTSTRAP_RESAMPLES;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  if (!Number.isInteger(resamples) || resamples < 1) {
    throw new RangeError(`The number of bootstrap resamples must be a whole number ≥ 1; got ${resamples}.`);
  }
  const question = scoring.levelQuestion;
  // A cell key's level byte holds fewer than NO_LEVEL levels: a wider level scale gets the overall figures only.
  const byLevel = scoring.levels.length < NO_LEVEL;
  const levels = byLevel ? scoring.levels : [];
  const groups = levels.length + 1; // group 0 is everyone, group l + 1 is level index l
  const positiveMeans: MeanAccumulator[] = Array.from({ length: groups }, () => createMeanAccumulator());
  const negativeMeans: MeanAccumulator[] = Array.from({ length: groups }, () => createMeanAccumulator());
  // Cell key (level·base² + positive·base + negative) → respondents with exactly these answers. The
  // base is the largest count asked + 1 (1001 for the template), so keys stay small integers; numeric
  // key order is (level, positive, negative) order.
  const largestCount = scoring.largestToldCount;
  const base = (NO_LEVEL + 1) * (largestCount + 1) ** 2 < SMALL_KEY_LIMIT ? largestCount + 1 : COUNT_LIMIT;
  const cells = new Map<number, number>();

  function bootstrap(keys: number[], counts: number[]): (Interval | null)[] {
    const ratios = Array.from({ length: groups }, () => new Float64Array(resamples));
    const undefinedIn = new Uint8Array(groups);
    const sumPositive = new Float64Array(groups);
    const sumNegative = new Float64Array(groups);
    const cellLevel = keys.map((key) => Math.floor(key / (base * base)));
    const cellPositive = keys.map((key) => Math.floor(key / base) % base);
    const cellNegative = keys.map((key) => key % base);
    const draws = counts.map(poissonSampler);
    const random = mulberry32(seed);
    for (let b = 0; b < resamples; b++) {
      sumPositive.fill(0);
      sumNegative.fill(0);
      for (let c = 0; c < keys.length; c++) {
        const weight = draws[c]!(random);
        if (weight === 0) continue;
        const positive = weight * cellPositive[c]!;
        const negative = weight * cellNegative[c]!;
        sumPositive[0] = sumPositive[0]! + positive;
        sumNegative[0] = sumNegative[0]! + negative;
        const level = cellLevel[c]!;
        if (level !== NO_LEVEL) {
          sumPositive[level + 1] = sumPositive[level + 1]! + positive;
          sumNegative[level + 1] = sumNegative[level + 1]! + negative;
        }
      }
      for (let g = 0; g < groups; g++) {
        if (sumPositive[g] === 0) undefinedIn[g] = 1;
        ratios[g]![b] = sumNegative[g]! / sumPositive[g]!;
      }
    }
    return ratios.map((values, g): Interval | null => {
      if (undefinedIn[g] === 1) return null;
      values.sort();
      return { lower: quantileType7(values, 0.025), upper: quantileType7(values, 0.975), level: 0.95 };
    });
  }

  /** The bootstrap of these cells, from the cache when the same cells were resampled with the same settings. */
  function bootstrapOnce(keys: number[], counts: number[]): (Interval | null)[] {
    const cacheKey = `${seed} ${resamples} ${groups} ${base} ${keys.join(',')} ${counts.join(',')}`;
    let intervals = BOOTSTRAP_CACHE.get(cacheKey);
    if (intervals) {
      BOOTSTRAP_CACHE.delete(cacheKey);
    } else {
      intervals = bootstrap(keys, counts);
      if (BOOTSTRAP_CACHE.size >= BOOTSTRAP_CACHE_SIZE) BOOTSTRAP_CACHE.delete(BOOTSTRAP_CACHE.keys().next().value!);
    }
    BOOTSTRAP_CACHE.set(cacheKey, intervals);
    // Copies: a caller may change the result it was given.
    return intervals.map((interval) => (interval ? { ...interval } : null));
  }

  return {
    state(): JsonState {
      const keys = [...cells.keys()].sort((a, b) => a - b);
      return {
        base,
        cells: keys.flatMap((key) => [key, cells.get(key)!]),
        positive: positiveMeans.map((mean) => mean.state()),
        negative: negativeMeans.map((mean) => mean.state()),
      };
    },
    merge(saved: JsonState) {
      const entries = stateObject(saved, 'word of mouth');
      expectState(stateNumber(entries.base, 'word-of-mouth key base') === base, 'word-of-mouth key base');
      const pairs = entries.cells;
      const { positive, negative } = entries;
      expectState(Array.isArray(pairs) && pairs.length % 2 === 0, 'word-of-mouth counters');
      expectState(Array.isArray(positive) && positive.length === groups && Array.isArray(negative) && negative.length === groups, 'word-of-mouth means');
      for (let k = 0; k < pairs.length; k += 2) {
        expectState(Number.isSafeInteger(pairs[k]) && Number.isInteger(pairs[k + 1]) && (pairs[k + 1] as number) > 0, 'word-of-mouth counter');
      }
      for (let k = 0; k < pairs.length; k += 2) {
        const key = pairs[k] as number;
        cells.set(key, (cells.get(key) ?? 0) + (pairs[k + 1] as number));
      }
      positiveMeans.forEach((mean, g) => mean.merge(positive[g] as MeanState));
      negativeMeans.forEach((mean, g) => mean.merge(negative[g] as MeanState));
    },
    add(scored: ScoredRespondent) {
      const roles = scored.model.roles;
      const answers = scored.respondent.answers;
      const positive = toldCount(answers, roles.told_positive);
      const negative = toldCount(answers, roles.told_negative);
      const level = scored.level < 0 || !byLevel ? NO_LEVEL : scored.level;
      if (positive !== null) {
        positiveMeans[0]!.add(positive);
        if (level !== NO_LEVEL) positiveMeans[level + 1]!.add(positive);
      }
      if (negative !== null) {
        negativeMeans[0]!.add(negative);
        if (level !== NO_LEVEL) negativeMeans[level + 1]!.add(negative);
      }
      // A count question's range is 0..1,000,000 at most, and below `base` (the largest max + 1).
      if (positive !== null && negative !== null) {
        const key = (level * base + positive) * base + negative;
        cells.set(key, (cells.get(key) ?? 0) + 1);
      }
    },
    finish(): WordOfMouthResult {
      const keys = [...cells.keys()].sort((a, b) => a - b);
      const counts = keys.map((key) => cells.get(key)!);
      const n = new Float64Array(groups);
      const sumPositive = new Float64Array(groups);
      const sumNegative = new Float64Array(groups);
      keys.forEach((key, c) => {
        const level = Math.floor(key / (base * base));
        for (const g of level === NO_LEVEL ? [0] : [0, level + 1]) {
          n[g] = n[g]! + counts[c]!;
          sumPositive[g] = sumPositive[g]! + counts[c]! * (Math.floor(key / base) % base);
          sumNegative[g] = sumNegative[g]! + counts[c]! * (key % base);
        }
      });
      const intervals = keys.length > 0 ? bootstrapOnce(keys, counts) : Array.from({ length: groups }, () => null);
      const warnings: AnalyticsWarning[] = [];
      if (!byLevel) warnings.push({ code: 'WOM_TOO_MANY_LEVELS', params: { levels: scoring.levels.length } });
      const toldScale = { min: 0, max: base - 1 };
      const ratio = (g: number): WordOfMouthRatio => ({
        n: n[g]!,
        ratio: sumPositive[g]! > 0 ? sumNegative[g]! / sumPositive[g]! : null,
        ci95: sumPositive[g]! > 0 ? (intervals[g] ?? null) : null,
      });
      if (keys.length === 0) {
        warnings.push({ code: 'WOM_EMPTY', params: {} });
      } else if (sumPositive[0] === 0) {
        // The ratio itself is undefined, not only its interval: the bootstrap is not to blame.
        warnings.push({ code: 'WOM_NO_POSITIVE', params: {} });
      } else if (!intervals[0]) {
        warnings.push({ code: 'WOM_RESAMPLES_NO_POSITIVE', params: {} });
      } else if (intervals[0].lower === intervals[0].upper) {
        warnings.push({ code: 'INTERVAL_ZERO_WIDTH', params: {} });
      }
      return {
        overall: {
          positive: positiveMeans[0]!.finish(toldScale),
          negative: negativeMeans[0]!.finish(toldScale),
          ratio: ratio(0),
        },
        question: question?.id ?? null,
        byLevel: levels.map((level, i) => ({
          level,
          positive: positiveMeans[i + 1]!.finish(toldScale),
          negative: negativeMeans[i + 1]!.finish(toldScale),
          ratio: ratio(i + 1),
        })),
        resamples,
        seed,
        warnings,
      };
    },
  };
}
