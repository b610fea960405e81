/**
 * Primary segment and loyalty type of a scored respondent (DESIGN.md "Primary segment", "Loyalty type").
 * Scores and thresholds are rounded to 12 decimals before comparing, so a respondent exactly on τ is on it.
 */
import type { Thresholds } from '../model/definition.js';
import { roundScore, type RespondentScores } from './scoring.js';

export type Segment = 'loyal' | 'price_hunter' | 'satisfied_not_loyal' | 'hostage' | 'defector' | 'unclassified';
/** Report order: the rule order of DESIGN.md, unclassified last. */
export const SEGMENTS: readonly Segment[] = [
  'loyal',
  'price_hunter',
  'satisfied_not_loyal',
  'hostage',
  'defector',
  'unclassified',
];

/** Attitude (E) × repeat (B). `unknown` when E or B is missing. */
export type LoyaltyType = 'true' | 'latent' | 'spurious' | 'none' | 'unknown';
export const LOYALTY_TYPES: readonly LoyaltyType[] = ['true', 'latent', 'spurious', 'none', 'unknown'];

/** score ≥ τ after rounding both to 12 decimals, so a score exactly on τ is on it. */
function atLeast(score: number, threshold: number): boolean {
  return roundScore(score) >= roundScore(threshold);
}

type SegmentScores = Pick<RespondentScores, 'satisfaction' | 'emotional' | 'behavioural' | 'discountDependent'>;

/**
 * The first rule that holds: loyal (E ≥ τE and B ≥ τB), price_hunter (D and E < τE),
 * satisfied_not_loyal (S ≥ τS), hostage (B ≥ τB), defector (everything else). A respondent with S, E
 * or B missing is `unclassified` before any rule is tried: the rules need all three. A missing D
 * (promotion question unanswered) counts as "not D": DESIGN.md names only S, E and B as required.
 *
 * @example
 * primarySegment({ satisfaction: 0.9, emotional: 0.75, behavioural: 0.75, discountDependent: false }, DEFAULT_THRESHOLDS); // => 'loyal'
 */
export function primarySegment(scores: SegmentScores, thresholds: Thresholds): Segment {
  const { satisfaction, emotional, behavioural } = scores;
  if (satisfaction === null || emotional === null || behavioural === null) return 'unclassified';
  const emotionalHigh = atLeast(emotional, thresholds.emotional);
  const behaviouralHigh = atLeast(behavioural, thresholds.behavioural);
  if (emotionalHigh && behaviouralHigh) return 'loyal';
  if (scores.discountDependent === true && !emotionalHigh) return 'price_hunter';
  if (atLeast(satisfaction, thresholds.satisfaction)) return 'satisfied_not_loyal';
  if (behaviouralHigh) return 'hostage';
  return 'defector';
}

/**
 * Loyalty type (Dick & Basu 1994, attitude × repeat patronage): true (E ≥ τE, B ≥ τB), latent
 * (E high, B low), spurious (E low, B high), none (both low); `unknown` when E or B is missing.
 *
 * @example
 * loyaltyType({ emotional: 0.5, behavioural: 0.8 }, DEFAULT_THRESHOLDS); // => 'spurious'
 */
export function loyaltyType(
  scores: Pick<RespondentScores, 'emotional' | 'behavioural'>,
  thresholds: Thresholds,
): LoyaltyType {
  const { emotional, behavioural } = scores;
  if (emotional === null || behavioural === null) return 'unknown';
  const emotionalHigh = atLeast(emotional, thresholds.emotional);
  const behaviouralHigh = atLeast(behavioural, thresholds.behavioural);
  if (emotionalHigh) return behaviouralHigh ? 'true' : 'latent';
  return behaviouralHigh ? 'spurious' : 'none';
}
