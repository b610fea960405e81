/**
 * The overview's figures in words, without the DOM: the "satisfied is not loyal" sentence, CSAT, the
 * satisfaction × loyalty map's cells and quarters.
 */
import type { SegmentReport } from '$lib/api.js';
import { formatNumber, numberFormat } from '$lib/i18n.js';
import { t, type Language } from '../messages.js';
import { formatEstimate, formatPValue, formatShare, type ShareResult } from '../report.js';

type SatisfactionLoyalty = SegmentReport['satisfactionLoyalty'];
export type LoyaltyConstruct = 'emotional' | 'behavioural';
export type SatisfactionLoyaltyTest = NonNullable<SatisfactionLoyalty[LoyaltyConstruct]>;
type Correlation = SatisfactionLoyaltyTest['pearson'];

function percent(language: Language, value: number): string {
  return numberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(value);
}

/** "38%" and "95% CI 35–41%": a headline share in whole percent, for a sentence. */
function wholeShare(share: ShareResult, language: Language): { share: string; interval: string } | null {
  if (share.share === null || share.n === 0) return null;
  const interval = share.ci95
    ? t(language, 'intervalText', {
        level: percent(language, share.ci95.level),
        lower: numberFormat(language, { maximumFractionDigits: 0 }).format(share.ci95.lower * 100),
        upper: percent(language, share.ci95.upper),
      })
    : '';
  return { share: percent(language, share.share), interval };
}

/**
 * How strongly satisfaction goes with loyalty, in words: could be chance (p ≥ 0.05), negative,
 * or by |r| with Cohen's rule of thumb (0.1 small, 0.3 medium, 0.5 large).
 */
export function linkStrength(correlation: Pick<Correlation, 'r' | 'pValue'>): 'chance' | 'negative' | 'negligible' | 'weak' | 'moderate' | 'strong' | null {
  const { r, pValue } = correlation;
  if (r === null) return null;
  if (pValue === null || pValue >= 0.05) return 'chance';
  if (r < 0) return 'negative';
  if (r < 0.1) return 'negligible';
  if (r < 0.3) return 'weak';
  if (r < 0.5) return 'moderate';
  return 'strong';
}

function formatR(r: number, language: Language): string {
  return numberFormat(language, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(r);
}

/**
 * The tested headline in one sentence: the share of the satisfied who are not loyal with its interval,
 * and how much more loyal (attached) the satisfied are, from Pearson's r of S with E.
 * @example satisfiedNotLoyalSentence(report.satisfactionLoyalty, 'en') // => '38% of the 1,204 satisfied customers are not loyal (95% CI 35–41%); satisfied customers are only moderately more loyal: r = 0.41.'
 */
export function satisfiedNotLoyalSentence(part: SatisfactionLoyalty, language: Language): string {
  const share = part.notLoyalAmongSatisfied;
  const words = share ? wholeShare(share, language) : null;
  if (!share || !words) return t(language, 'notLoyalNone');
  const n = formatNumber(language, share.n);
  const pearson = part.emotional?.pearson;
  const strength = pearson ? linkStrength(pearson) : null;
  if (!pearson || pearson.r === null || !strength) return t(language, 'notLoyalSentenceAlone', { ...words, n });
  const link = t(language, `link_${strength}`, { r: formatR(pearson.r, language), p: formatPValue(pearson.pValue, language) });
  return t(language, 'notLoyalSentence', { ...words, n, link });
}

/** "Satisfaction and attachment: r = 0.41 (p < 0.001, n = 1,980)." per loyalty score that has a correlation. */
export function correlationLines(part: SatisfactionLoyalty, language: Language): string[] {
  return (['emotional', 'behavioural'] as const).flatMap((construct) => {
    const pearson = part[construct]?.pearson;
    if (!pearson || pearson.r === null) return [];
    return [
      t(language, 'correlationLine', {
        pair: t(language, `mapTitle_${construct}`),
        r: formatR(pearson.r, language),
        p: formatPValue(pearson.pValue, language),
        n: formatNumber(language, pearson.n),
      }),
    ];
  });
}

type Csat = NonNullable<SegmentReport['csat']>;

/** CSAT's headline: the top-two-box share with its interval and n, and the mean answer; null with no answers. */
export function csatWords(csat: Csat | null, language: Language): { headline: string; explained: string } | null {
  if (!csat || csat.n === 0 || csat.topTwoBox.share === null) return null;
  return {
    headline: t(language, 'csatSentence', { share: formatShare(csat.topTwoBox, language), n: formatNumber(language, csat.n) }),
    explained: t(language, 'csatExplained', { mean: csat.mean === null ? '—' : formatEstimate(csat.mean, csat.meanCi95, language, 1) }),
  };
}

/** One square of the map: its position in [0, 1]² (x the S bin, y the loyalty bin from the bottom) and its count. */
export interface DensityCell {
  x: number;
  y: number;
  size: number;
  count: number;
  /** 0 (nobody) to 1 (the fullest square), on a square-root scale so sparse squares still show. */
  density: number;
}

/** The grid's non-empty squares (grid[row][column], row the loyalty bin from the lowest). */
export function densityCells(grid: readonly (readonly number[])[]): DensityCell[] {
  const rows = grid.length;
  const max = Math.max(0, ...grid.flat());
  if (rows === 0 || max === 0) return [];
  return grid.flatMap((row, rowIndex) =>
    row.flatMap((count, column) =>
      count > 0 ? [{ x: column / row.length, y: rowIndex / rows, size: 1 / row.length, count, density: Math.sqrt(count / max) }] : [],
    ),
  );
}

export type Quarter = 'high_high' | 'high_low' | 'low_high' | 'low_low';

/** The map's quarters with their respondents: the report's 2×2 table (rows satisfied or not, columns loyal score high or not). */
export function quarters(test: SatisfactionLoyaltyTest): { quarter: Quarter; count: number; share: number | null }[] {
  const [[satisfiedHigh = 0, satisfiedLow = 0] = [], [unsatisfiedHigh = 0, unsatisfiedLow = 0] = []] = test.table;
  const total = satisfiedHigh + satisfiedLow + unsatisfiedHigh + unsatisfiedLow;
  const share = (count: number) => (total > 0 ? count / total : null);
  return [
    { quarter: 'high_high', count: satisfiedHigh, share: share(satisfiedHigh) },
    { quarter: 'high_low', count: satisfiedLow, share: share(satisfiedLow) },
    { quarter: 'low_high', count: unsatisfiedHigh, share: share(unsatisfiedHigh) },
    { quarter: 'low_low', count: unsatisfiedLow, share: share(unsatisfiedLow) },
  ];
}
