/**
 * A report comparison in words: "62.1% against 48.0%; difference +14.1 pp (95% CI 9.8 to 18.4). The
 * difference is clear (p < 0.001)." The significance level is the conventional 5%; the p-values and
 * intervals come from the report (api/src/analytics), nothing is tested here.
 */
import { formatPValue, formatShareDifference, formatEstimate, type ShareResult } from './report.js';
import { s } from './sectionMessages.js';
import type { Language } from './messages.js';

/** One tested comparison as the dashboard shows it: what is compared, the figures, the plain reading. */
export interface Comparison {
  key: string;
  label: string;
  sentence: string;
  reading: string;
}

/** Below this a difference is read as clear. */
export const SIGNIFICANCE = 0.05;

/** "The difference is clear (p = 0.003)." / "… could be chance (p = 0.41)." / "Too few answers to test it." */
export function readPValue(p: number | null, language: Language, kind: 'difference' | 'link' = 'difference'): string {
  if (p === null || !Number.isFinite(p)) return s(language, 'readingUntestable');
  const clear = p < SIGNIFICANCE;
  const key = kind === 'link' ? (clear ? 'readingLinkClear' : 'readingLinkChance') : clear ? 'readingClear' : 'readingChance';
  return s(language, key, { p: formatPValue(p, language) });
}

/** The reading of a difference that has an interval but no p-value: does the 95% interval leave out `none`? */
export function readInterval(ci95: { lower: number; upper: number } | null, none: number, language: Language, noneText: string): string {
  if (!ci95) return s(language, 'readingUntestable');
  const clear = ci95.lower > none || ci95.upper < none;
  return s(language, clear ? 'readingIntervalClear' : 'readingIntervalChance', { value: noneText });
}

interface TwoProportion {
  shareA: number | null;
  shareB: number | null;
  nA: number;
  nB: number;
  difference: number | null;
  ci95: { lower: number; upper: number; level: number } | null;
  pValue: number | null;
}

function percent(value: number | null, language: Language): string {
  if (value === null) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

/** "62.1% (n = 400) against 48.0% (n = 300); difference +14.1 pp (95% CI 9.8 to 18.4)." and its reading. */
export function describeTwoProportion(test: TwoProportion, language: Language): { sentence: string; reading: string } {
  const count = (n: number) => new Intl.NumberFormat(language).format(n);
  return {
    sentence: s(language, 'versus', {
      a: `${percent(test.shareA, language)} (n = ${count(test.nA)})`,
      b: `${percent(test.shareB, language)} (n = ${count(test.nB)})`,
      difference: formatShareDifference(test.difference, test.ci95, language),
    }),
    reading: readPValue(test.pValue, language),
  };
}

interface Welch {
  meanA: number | null;
  meanB: number | null;
  nA: number;
  nB: number;
  difference: number | null;
  ci95: { lower: number; upper: number; level: number } | null;
  pValue: number | null;
}

/** Two means and their Welch difference in words, at `digits` decimals. */
export function describeWelch(test: Welch, language: Language, digits = 2): { sentence: string; reading: string } {
  const mean = (value: number | null, n: number) =>
    `${value === null ? '—' : formatEstimate(value, null, language, digits)} (n = ${new Intl.NumberFormat(language).format(n)})`;
  return {
    sentence: s(language, 'versus', {
      a: mean(test.meanA, test.nA),
      b: mean(test.meanB, test.nB),
      difference: test.difference === null ? '—' : formatEstimate(test.difference, test.ci95, language, digits, true),
    }),
    reading: readPValue(test.pValue, language),
  };
}

/** A share of a 2×2 row: successes over the row's total, null for an empty row. */
export function rowShare(row: readonly number[] | undefined): number | null {
  const [yes = 0, no = 0] = row ?? [];
  return yes + no === 0 ? null : yes / (yes + no);
}

export type { ShareResult };
