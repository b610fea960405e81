/**
 * The readable terminal form of a segment report: the columns used, segments with intervals, loyalty
 * types within satisfied_not_loyal, NPS and CSAT with intervals (the CSAT mean also on the file's
 * scale and on 0–1), reliability, drivers side by side, satisfaction against loyalty (tested), the
 * satisfaction curve, service recovery,
 * word of mouth, and the warnings — every word and number in the --lang language.
 */
import type { Language } from '../../api/src/model/definition.js';
import type { Interval } from '../../api/src/analytics/result.js';
import type { SegmentReport } from '../../api/src/analytics/segmentReport.js';
import type { ShareResult } from '../../api/src/analytics/wilson.js';
import { CONSTRUCT_NAMES, PART_NAMES, warningText } from '../../api/src/model/warnings.js';
import { LABELS } from './labels.js';
import { formatSatisfactionLoyalty } from './formatSatisfactionLoyalty.js';
import { formatSections, type Formatters } from './formatSections.js';
import type { RunSummary } from './runSummary.js';

/**
 * Format a finished report in the given language.
 *
 * @example
 * formatReport(segmentReport(fullTemplate(), respondents), 'en'); // => 'Loyalty Lens — segment report\n…'
 */
export function formatReport(report: SegmentReport, lang: Language, summary: RunSummary | null = null): string {
  const labels = LABELS[lang];
  const percent = new Intl.NumberFormat(lang, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const decimal = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const whole = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
  const interval = (ci: Interval | null, format: (value: number) => string) =>
    ci ? `[${format(ci.lower)} – ${format(ci.upper)}]` : '';
  const shareLine = (label: string, share: ShareResult, width: number) =>
    `  ${label.padEnd(width)} ${(share.share === null ? labels.notAvailable : percent.format(share.share)).padStart(7)}  ${interval(share.ci95, (v) => percent.format(v)).padEnd(19)}  n = ${whole.format(share.successes)}`;

  const item = (id: string) => (summary?.columnOf[id] !== undefined && summary.columnOf[id] !== id ? `${id} ("${summary.columnOf[id]}")` : id);
  const lines: string[] = [labels.title, '', `${labels.respondents}: ${whole.format(report.n)}`];
  if (summary) {
    if (summary.idColumn !== null) lines.push(`${labels.idColumn}: "${summary.idColumn}"`);
    lines.push(`${labels.leftOut}: ${whole.format(summary.leftOut.length)}${summary.leftOut.length > 0 ? ` (${summary.leftOut.map((c) => `"${c}"`).join(', ')})` : ''}`);
  }
  const τ = report.thresholds;
  lines.push(`${labels.thresholds}: ${[τ.satisfaction, τ.emotional, τ.behavioural].map((v) => decimal.format(v)).join(' / ')}`, '');

  const segmentWidth = Math.max(...Object.values(labels.segment).map((label) => label.length));
  lines.push(labels.segments);
  for (const { segment, share } of report.segments) lines.push(shareLine(labels.segment[segment], share, segmentWidth));
  lines.push('', labels.loyaltyTypesWithin);
  const typeWidth = Math.max(...Object.values(labels.loyaltyType).map((label) => label.length));
  for (const { type, share } of report.satisfiedNotLoyalTypes) lines.push(shareLine(labels.loyaltyType[type], share, typeWidth));

  lines.push('');
  const nps = report.nps;
  lines.push(
    `${labels.nps}: ${nps?.nps == null ? labels.notAvailable : decimal.format(nps.nps)} ${interval(nps?.ci95 ?? null, (v) => decimal.format(v))}  n = ${whole.format(nps?.n ?? 0)}`,
  );
  const csat = report.csat;
  if (csat) {
    lines.push(
      `${labels.csat} (${csat.question}): ${labels.mean} ${csat.mean === null ? labels.notAvailable : decimal.format(csat.mean)} ${interval(csat.meanCi95, (v) => decimal.format(v))}; ` +
        `${labels.topBox} ${csat.topBox.share === null ? labels.notAvailable : percent.format(csat.topBox.share)} ${interval(csat.topBox.ci95, (v) => percent.format(v))}; ` +
        `${labels.topTwoBox} ${csat.topTwoBox.share === null ? labels.notAvailable : percent.format(csat.topTwoBox.share)} ${interval(csat.topTwoBox.ci95, (v) => percent.format(v))}`,
    );
    const onScale = summary?.csat;
    if (onScale && onScale.mean !== null) {
      // The CSAT line's mean counts levels 1..K: on a scale starting at 1 that is the file's scale already.
      const fileScale =
        onScale.min === 1 ? '' : `${labels.onScale} ${whole.format(onScale.min)}–${whole.format(onScale.max)}: ${decimal.format(onScale.mean)} ${interval(onScale.meanCi95, (v) => decimal.format(v))}; `;
      lines.push(`  ${labels.mean} ${fileScale}${labels.onUnit}: ${decimal.format(onScale.unitMean!)} ${interval(onScale.unitMeanCi95, (v) => decimal.format(v))}`);
    }
  }

  lines.push('', labels.reliability);
  for (const { construct, items, result } of report.reliability) {
    const name = (CONSTRUCT_NAMES[lang] as Record<string, string>)[construct] ?? construct;
    lines.push(`  ${name.padEnd(22)} α = ${(result.alpha === null ? labels.notAvailable : decimal.format(result.alpha)).padEnd(5)}  n = ${whole.format(result.n)}  (${items.map(item).join(', ')})`);
  }

  if (report.drivers.models.length > 0) {
    const models = report.drivers.models;
    const predictorWidth = Math.max(labels.predictor.length, ...report.drivers.predictors.map((p) => item(p).length));
    const columnWidth = Math.max(14, ...models.map((m) => labels.outcome[m.outcome].length + 2));
    lines.push('', labels.drivers);
    lines.push(`  ${labels.predictor.padEnd(predictorWidth)}${models.map((m) => labels.outcome[m.outcome].padStart(columnWidth)).join('')}`);
    report.drivers.predictors.forEach((predictor, j) => {
      const cells = models.map((m) => {
        const weight = m.result.weights[j];
        return (weight ? percent.format(weight.rescaledWeight) : labels.notAvailable).padStart(columnWidth);
      });
      lines.push(`  ${item(predictor).padEnd(predictorWidth)}${cells.join('')}`);
    });
    lines.push(
      `  ${'R²'.padEnd(predictorWidth)}${models.map((m) => (m.result.rSquared === null ? labels.notAvailable : decimal.format(m.result.rSquared)).padStart(columnWidth)).join('')}`,
    );
  }

  const decimal3 = new Intl.NumberFormat(lang, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
  const formatters: Formatters = { labels, lang, percent, decimal, decimal3, whole, interval, item };
  lines.push(...formatSatisfactionLoyalty(report.satisfactionLoyalty, formatters));
  lines.push(...formatSections(report, formatters));

  lines.push('', `${labels.warnings}:`);
  if (report.warnings.length === 0) lines.push(`  ${labels.none}`);
  for (const warning of report.warnings) {
    lines.push(`  [${warning.code}] ${PART_NAMES[lang][warning.part]}: ${warningText(warning, lang)}`);
  }
  return `${lines.join('\n')}\n`;
}
