/**
 * The terminal form of the report's "satisfaction against loyalty" block (the analytics module's
 * `SegmentReport.satisfactionLoyalty`, issue 17): Pearson and Spearman of S with E and with B with
 * their Fisher-z intervals, χ² of satisfied × loyal with Cramér's V, Welch's t of E and B between the
 * satisfied and the not satisfied, and the share not loyal among the satisfied. A construct the file
 * has no scores of is absent (its warning says so).
 */
import type { CorrelationResult } from '../../api/src/analytics/correlation.js';
import type { SatisfactionLoyaltyResult } from '../../api/src/analytics/satisfactionLoyalty.js';
import { CONSTRUCT_NAMES } from '../../api/src/model/warnings.js';
import type { Formatters } from './formatSections.js';

/** The report's block (satisfactionLoyalty.ts); the formatter reads its tests and the not-loyal share. */
export type SatisfactionLoyaltyView = Pick<SatisfactionLoyaltyResult, 'emotional' | 'behavioural' | 'notLoyalAmongSatisfied'>;

function pValue(f: Formatters, p: number | null): string {
  if (p === null) return `p ${f.labels.notAvailable}`;
  return p < 0.001 ? `p < ${f.decimal3.format(0.001)}` : `p = ${f.decimal3.format(p)}`;
}

function correlation(f: Formatters, name: string, result: CorrelationResult): string {
  if (result.r === null) return `${name} ${f.labels.notAvailable}`;
  return `${name} = ${f.decimal.format(result.r)} ${f.interval(result.ci95, (v) => f.decimal.format(v))}, ${pValue(f, result.pValue)}`.replace(/ {2,}/g, ' ');
}

/**
 * The block's lines (empty when the report has none).
 *
 * @example
 * formatSatisfactionLoyalty(report.satisfactionLoyalty, formatters); // => ['', 'Satisfaction against loyalty (…)', '  Attachment (E), n = 400', …]
 */
export function formatSatisfactionLoyalty(block: SatisfactionLoyaltyView | null | undefined, f: Formatters): string[] {
  if (!block) return [];
  const { labels, decimal, whole } = f;
  const lines = ['', labels.slTitle];
  for (const test of [block.emotional, block.behavioural]) {
    if (test === null) continue;
    const name = CONSTRUCT_NAMES[f.lang][test.loyalty];
    lines.push(`  ${name}, n = ${whole.format(test.n)}`);
    lines.push(`    ${correlation(f, labels.pearson, test.pearson)}; ${correlation(f, labels.spearman, test.spearman)}`);
    const chi = test.chiSquare;
    lines.push(
      chi.statistic === null
        ? `    ${labels.chiSquare} ${labels.notAvailable}`
        : `    ${labels.chiSquare} = ${decimal.format(chi.statistic)}, df = ${whole.format(chi.df)}, ${pValue(f, chi.pValue)}; ${labels.cramersV} = ${chi.cramersV === null ? labels.notAvailable : decimal.format(chi.cramersV)}`,
    );
    const w = test.welch;
    const mean = (value: number | null) => (value === null ? labels.notAvailable : decimal.format(value));
    lines.push(
      `    ${labels.welch}: ${labels.satisfied} ${mean(w.meanA)} (n = ${whole.format(w.nA)}), ${labels.notSatisfied} ${mean(w.meanB)} (n = ${whole.format(w.nB)}), ` +
        `${labels.difference} ${mean(w.difference)} ${f.interval(w.ci95, (v) => decimal.format(v))}` +
        (w.t === null ? '' : `, t = ${decimal.format(w.t)}, df = ${decimal.format(w.df!)}, ${pValue(f, w.pValue)}`),
    );
  }
  const share = block.notLoyalAmongSatisfied;
  if (share) {
    lines.push(
      `  ${labels.notLoyalAmongSatisfied}: ${`${share.share === null ? labels.notAvailable : f.percent.format(share.share)} ${f.interval(share.ci95, (v) => f.percent.format(v))} n = ${whole.format(share.n)}`.replace(/ {2,}/g, ' ')}`,
    );
  }
  return lines.length > 2 ? lines : [];
}
