/** Segment-report numbers in words for the dashboard, without the DOM: shares, intervals, means, warnings. */
import type { SegmentReport } from '$lib/api.js';
import { formatNumber, numberFormat } from '$lib/i18n.js';
import { warningText, type Warning, type WarningPart } from '../../../../api/src/model/warnings.js';
import { t, type Language, type MessageKey } from './messages.js';

export type ShareResult = SegmentReport['segments'][number]['share'];
export type MeanResult = SegmentReport['serviceRecovery']['groups'][number]['all']['emotional'];
export type ReportWarning = SegmentReport['warnings'][number];
type Interval = NonNullable<ShareResult['ci95']>;

/** One row of a share table: a segment, a loyalty type, a segment's retention. */
export interface ShareRow {
  key: string;
  label: string;
  /** One line under the label, e.g. the segment's rule. */
  description?: string;
  colour?: string;
  result: ShareResult;
  /** The respondents behind the row (a drill-down link keeping the page's filters): the label links there. */
  href?: string;
}

const DASH = '—';

function percent(language: Language, digits = 1) {
  return numberFormat(language, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function decimal(language: Language, digits: number, signed = false) {
  return numberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: signed ? 'exceptZero' : 'negative',
  });
}

/** "95%" in the reader's language. */
function levelText(interval: Interval, language: Language): string {
  return percent(language, 0).format(interval.level);
}

/** "31.2% (95% CI 29.1–33.4%)"; the share alone without an interval; "—" with a reason when nobody was asked. */
export function formatShare(result: Pick<ShareResult, 'n' | 'share' | 'ci95'>, language: Language): string {
  if (result.share === null || result.n === 0) return `${DASH} ${t(language, 'noObservations')}`;
  const share = percent(language).format(result.share);
  if (!result.ci95) return share;
  return t(language, 'withInterval', {
    value: share,
    level: levelText(result.ci95, language),
    lower: decimal(language, 1).format(result.ci95.lower * 100),
    upper: percent(language).format(result.ci95.upper),
  });
}

/** A mean with its interval at `digits` decimals, e.g. "0.62 (95% CI 0.60–0.64)". */
export function formatMean(result: Pick<MeanResult, 'n' | 'mean' | 'ci95'>, language: Language, digits = 2): string {
  if (result.mean === null || result.n === 0) return `${DASH} ${t(language, 'noObservations')}`;
  return formatEstimate(result.mean, result.ci95, language, digits);
}

/** A number with an optional interval: "2.40 (95% CI 2.10–2.80)", "-22 (95% CI -26 to -18)". */
export function formatEstimate(value: number, ci95: Interval | null, language: Language, digits: number, signed = false): string {
  const format = decimal(language, digits, signed);
  if (!ci95) return format.format(value);
  // A range with a sign in it reads "-26 to -18", not "-26–-18".
  return t(language, signed || ci95.lower < 0 ? 'withSignedInterval' : 'withInterval', {
    value: format.format(value),
    level: levelText(ci95, language),
    lower: decimal(language, digits).format(ci95.lower),
    upper: decimal(language, digits).format(ci95.upper),
  });
}

/** A difference of shares in percentage points: "+3.1 pp (95% CI -1.0 to 7.2)". */
export function formatShareDifference(difference: number | null, ci95: Interval | null, language: Language): string {
  if (difference === null) return `${DASH} ${t(language, 'noObservations')}`;
  const points = (value: number, signed: boolean) => decimal(language, 1, signed).format(value * 100);
  const value = t(language, 'percentagePoints', { value: points(difference, true) });
  if (!ci95) return value;
  const [lower, upper] = [points(ci95.lower, false), points(ci95.upper, false)];
  return t(language, 'withSignedInterval', { value, level: levelText(ci95, language), lower, upper });
}

/** "p = 0.042", "p < 0.001"; "—" when the test is undefined. */
export function formatPValue(p: number | null, language: Language): string {
  if (p === null) return DASH;
  if (p < 0.001) return `p < ${decimal(language, 3).format(0.001)}`;
  return `p = ${decimal(language, 3).format(p)}`;
}

export function formatCount(n: number, language: Language): string {
  return formatNumber(language, n);
}

/**
 * The report-level warnings of one part (the card showing it), in the page's language. The card's
 * heading already names the part; a warning about one of the part's results (an alpha's construct,
 * a driver model's outcome) starts with that result's name.
 */
export function partWarnings(warnings: readonly ReportWarning[], parts: WarningPart | readonly WarningPart[], language: Language): string[] {
  const wanted: readonly WarningPart[] = typeof parts === 'string' ? [parts] : parts;
  return [...new Set(warnings.filter((warning) => wanted.includes(warning.part)).map((warning) => warningText(warning, language)))];
}

/**
 * Warnings of individual cells (small samples, clipped intervals), each prefixed with the row it
 * concerns, in the page's language. NO_ANSWERS is left out: an empty cell already shows "—" with its reason.
 */
export function cellWarnings(cells: readonly { label: string; warnings: readonly Warning[] }[], language: Language): string[] {
  const messages = cells.flatMap(({ label, warnings }) =>
    warnings.filter((warning) => warning.code !== 'NO_ANSWERS').map((warning) => warningText(warning, language, label)),
  );
  return [...new Set(messages)];
}

/** Index of the largest finite value, or -1; for highlighting the biggest driver in a column. */
export function largestIndex(values: readonly (number | null)[]): number {
  let best = -1;
  values.forEach((value, i) => {
    if (value !== null && Number.isFinite(value) && (best === -1 || value > values[best]!)) best = i;
  });
  return best;
}

/** The bar and its whisker for a chart: shares in percent, or null for "no data". */
export function chartPoint(result: Pick<ShareResult, 'share' | 'ci95'>): { value: number; lower: number; upper: number } | null {
  if (result.share === null) return null;
  const ci = result.ci95 ?? { lower: result.share, upper: result.share };
  // Rounded to 0.01 percentage points: more than a chart can show, and free of 29.099999….
  const percent = (share: number) => Math.round(share * 10000) / 100;
  return { value: percent(result.share), lower: percent(ci.lower), upper: percent(ci.upper) };
}

export type Segment = SegmentReport['segments'][number]['segment'];

/** One colour per segment, each at least 3:1 against white (WCAG non-text contrast). */
export const SEGMENT_COLOURS: Record<Segment, string> = {
  loyal: '#1a7f37',
  price_hunter: '#9a6700',
  satisfied_not_loyal: '#0969da',
  hostage: '#8250df',
  defector: '#b42318',
  unclassified: '#6b7280',
};

/** The chart's description for screen readers: "Loyal 30.1% (95% CI …); Price hunters …". */
export function describeShares(rows: readonly Pick<ShareRow, 'label' | 'result'>[], language: Language): string {
  return rows.map((row) => `${row.label} ${formatShare(row.result, language)}`).join('; ');
}

const PREDICTOR_NAMES: Partial<Record<string, MessageKey>> = {
  sat_product: 'predictor_sat_product',
  sat_service: 'predictor_sat_service',
  sat_price: 'predictor_sat_price',
  expectation: 'predictor_expectation',
};

/** A driver's short name ("Price"); a predictor the dashboard has no name for shows its question id. */
export function predictorLabel(id: string, language: Language): string {
  const key = PREDICTOR_NAMES[id];
  return key ? t(language, key) : id;
}

/** The value axis of a share chart: the largest interval end rounded up to the next 10%, at least 10%, at most 100%. */
export function shareAxisMax(points: readonly ({ upper: number } | null)[]): number {
  const top = Math.max(0, ...points.map((point) => point?.upper ?? 0));
  return Math.min(100, Math.max(10, Math.ceil(top / 10) * 10));
}

type SegmentShare = SegmentReport['segments'][number];

/**
 * The segments as the dashboard shows them: loyal … defector, shares of the classified respondents
 * that add up to 100%, and unclassified apart, a share of all n (DESIGN.md "Statistical conventions").
 */
export function splitSegments(segments: readonly SegmentShare[]): { classified: SegmentShare[]; unclassified: SegmentShare | null } {
  return {
    classified: segments.filter((row) => row.segment !== 'unclassified'),
    unclassified: segments.find((row) => row.segment === 'unclassified') ?? null,
  };
}

/** Everyone in a row whose loyal share leaves its unclassified respondents out: the share's n plus them. */
export function respondentsIn(cell: { loyal: Pick<ShareResult, 'n'>; unclassified: number }): number {
  return cell.loyal.n + cell.unclassified;
}

/** "Version 1: 1,200 · Version 2: 1,800" as rows, only when responses came from more than one version. */
export function versionRows(versions: readonly { version: number; n: number }[], language: Language): { key: number; label: string; count: string }[] {
  if (versions.filter((row) => row.n > 0).length < 2) return [];
  return versions.map((row) => ({ key: row.version, label: t(language, 'versionLabel', { version: row.version }), count: formatCount(row.n, language) }));
}
