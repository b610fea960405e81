/**
 * The parts of the terminal report that only --json showed before: the satisfaction curve, service
 * recovery and word of mouth (formatReport.ts calls this between the drivers and the warnings).
 */
import type { Language } from '../../api/src/model/definition.js';
import type { Interval } from '../../api/src/analytics/result.js';
import type { MeanResult } from '../../api/src/analytics/meanSummary.js';
import type { SegmentReport } from '../../api/src/analytics/segmentReport.js';
import type { RecoveryCell } from '../../api/src/analytics/serviceRecovery.js';
import type { WordOfMouthGroup } from '../../api/src/analytics/wordOfMouth.js';
import type { ShareResult } from '../../api/src/analytics/wilson.js';
import type { ReportLabels } from './labels.js';

/** The number formats and labels of one report's language. */
export interface Formatters {
  labels: ReportLabels;
  lang: Language;
  percent: Intl.NumberFormat;
  decimal: Intl.NumberFormat;
  /** Three decimals, for p-values. */
  decimal3: Intl.NumberFormat;
  whole: Intl.NumberFormat;
  interval: (ci: Interval | null, format: (value: number) => string) => string;
  /** A question id as shown: with the file's column name where it came from another one. */
  item: (id: string) => string;
}

function share(f: Formatters, value: ShareResult): string {
  const text = value.share === null ? f.labels.notAvailable : f.percent.format(value.share);
  return `${text} ${f.interval(value.ci95, (v) => f.percent.format(v))} n = ${f.whole.format(value.n)}`.replace(/ {2,}/g, ' ');
}

function mean(f: Formatters, value: MeanResult): string {
  return value.mean === null ? f.labels.notAvailable : `${f.decimal.format(value.mean)} ${f.interval(value.ci95, (v) => f.decimal.format(v))}`.trim();
}

function recoveryCell(f: Formatters, cell: RecoveryCell): string {
  return `${f.labels.loyal} ${share(f, cell.loyal)}; ${f.labels.meanE} ${mean(f, cell.emotional)}`;
}

function womGroup(f: Formatters, group: WordOfMouthGroup): string {
  const ratio = group.ratio.ratio === null ? f.labels.notAvailable : f.decimal.format(group.ratio.ratio);
  return (
    `${f.labels.toldPositive} ${mean(f, group.positive)}; ${f.labels.toldNegative} ${mean(f, group.negative)}; ` +
    `${f.labels.ratio} ${ratio} ${f.interval(group.ratio.ci95, (v) => f.decimal.format(v))} n = ${f.whole.format(group.ratio.n)}`
  ).replace(/ {2,}/g, ' ');
}

/**
 * The curve, recovery and word-of-mouth lines; a part the survey does not ask about is left out (its
 * warning says so).
 *
 * @example
 * formatSections(report, formatters); // => ['', 'Satisfaction curve (…)', '  Level 1: loyal 0.0% …', …]
 */
export function formatSections(report: SegmentReport, f: Formatters): string[] {
  const { labels, whole } = f;
  const lines: string[] = [];
  const curve = report.satisfactionCurve;
  if (curve.question !== null && curve.points.length > 0) {
    const width = Math.max(...curve.points.map((p) => whole.format(p.level).length));
    const showRetention = curve.points.some((p) => p.retained.n > 0);
    lines.push('', `${labels.curveTitle}: ${f.item(curve.question)}`);
    for (const point of curve.points) {
      // A long scale (0–10) has levels nobody answered: leave them out rather than print rows of n/a.
      if (point.loyal.n + point.unclassified === 0) continue;
      lines.push(
        `  ${labels.level} ${whole.format(point.level).padStart(width)}: ${labels.loyal} ${share(f, point.loyal)}; ${labels.unclassified} ${whole.format(point.unclassified)}` +
          (showRetention ? `; ${labels.retained} ${share(f, point.retained)}` : ''),
      );
    }
  }

  const recovery = report.serviceRecovery;
  if (recovery.groups.some((group) => group.all.loyal.n + group.all.unclassified > 0)) {
    lines.push('', labels.recoveryTitle);
    for (const group of recovery.groups) {
      lines.push(`  ${labels.recoveryGroup[group.group]}: ${recoveryCell(f, group.all)}`);
      if (group.gesture.loyal.n + group.no_gesture.loyal.n > 0) {
        lines.push(`    ${labels.gesture}: ${recoveryCell(f, group.gesture)}`, `    ${labels.noGesture}: ${recoveryCell(f, group.no_gesture)}`);
      }
    }
    if (recovery.unknownResolution > 0) lines.push(`  ${labels.unknownResolution}: ${whole.format(recovery.unknownResolution)}`);
  }

  const wom = report.wordOfMouth;
  if (wom.overall.ratio.n > 0 || wom.overall.positive.n > 0) {
    lines.push('', labels.womTitle, `  ${labels.overall}: ${womGroup(f, wom.overall)}`);
    for (const level of wom.byLevel) {
      if (level.positive.n + level.negative.n === 0) continue;
      lines.push(`  ${labels.level} ${whole.format(level.level)}: ${womGroup(f, level)}`);
    }
  }
  return lines;
}
