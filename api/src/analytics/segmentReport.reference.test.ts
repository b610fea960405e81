/**
 * The composed reports against values computed independently with NumPy/SciPy from the same data
 * sets (fixtures/reports/generate.py): 1e-9 relative for estimates, 1e-9 absolute for p-values.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Answers } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { expectPValueClose, expectRelativelyClose } from './fixtures/expectClose.js';
import type { MeanResult } from './meanSummary.js';
import type { Respondent } from './scoring.js';
import { segmentReport } from './segmentReport.js';
import type { ShareResult } from './wilson.js';

interface Dataset {
  name: string;
  template: 'full' | 'short';
  columns: string[];
  rows: (string | number | null)[][];
  surveyedAt: number[];
  purchasedAt: (number[] | null)[];
  observedUntil: number | null;
  changeEventAt: number;
  resamples: number;
  seed: number;
  thresholds: { satisfaction: number; emotional: number; behavioural: number };
}
interface Share { n: number; successes: number; share: number | null; lower: number | null; upper: number | null }
interface Mean { n: number; mean: number | null; sd: number | null; lower: number | null; upper: number | null }
type Ratio = { n: number; ratio: number | null; ci: [number, number] | null };
type Drivers = { n: number; rSquared: number; raw: number[] } | null;
interface Expected {
  name: string;
  n: number;
  segments: Record<string, Share>;
  classified: number;
  loyaltyTypes: Record<string, Share>;
  withLoyaltyType: number;
  satisfiedNotLoyalTypes: Record<string, Share>;
  tooFewItems: Record<string, number>;
  nps: { n: number; nps: number | null; se: number | null };
  csat: Mean & { topBox: Share; topTwoBox: Share };
  reliability: Record<
    string,
    {
      n: number;
      alpha: number | null;
      ifDeleted: (number | null)[];
      standardizedAlpha: number | null;
      standardizedIfDeleted: (number | null)[];
    }
  >;
  drivers: Record<string, Drivers>;
  loyalistExpectations: Record<string, Record<string, Mean>>;
  satisfactionCurve: { level: number; loyal: Share; unclassified: number; retained: Share }[];
  retention: { overall: Share; bySegment: Record<string, Share>; byLevel: Share[] };
  serviceRecovery?: Record<string, Record<'all' | 'gesture' | 'no_gesture', { loyal: Share; unclassified: number; emotional: Mean }>>;
  wordOfMouth?: {
    overall: { positive: Mean; negative: Mean; ratio: Ratio };
    byLevel: { positive: Mean; negative: Mean; ratio: Ratio }[];
  };
  changeEvent: {
    before: Share;
    after: Share;
    unclassifiedBefore: number;
    unclassifiedAfter: number;
    difference?: { difference: number; z: number | null; pValue: number | null; lower: number; upper: number };
    npsBefore: { nps: number | null; se: number | null };
    npsAfter: { nps: number | null; se: number | null };
    npsDifference?: { difference: number; se: number; lower: number; upper: number };
  };
}

const read = <T>(file: string): T => JSON.parse(readFileSync(new URL(`./fixtures/reports/${file}`, import.meta.url), 'utf8')) as T;
const datasets = read<{ datasets: Dataset[] }>('datasets.json').datasets;
const expectedCases = read<{ cases: Expected[] }>('expected.json').cases;

function respondentsOf(dataset: Dataset): Respondent[] {
  return dataset.rows.map((row, i) => {
    const answers: Answers = {};
    dataset.columns.forEach((column, j) => {
      const value = row[j];
      if (value !== null && value !== undefined) answers[column] = value;
    });
    const purchasedAt = dataset.purchasedAt[i];
    const respondent: Respondent = { answers, surveyedAt: dataset.surveyedAt[i]! };
    if (purchasedAt) {
      respondent.purchases = dataset.observedUntil === null ? { purchasedAt } : { purchasedAt, observedUntil: dataset.observedUntil };
    }
    return respondent;
  });
}

function expectShare(actual: ShareResult, expected: Share, label: string): void {
  expect(actual.n, `${label} n`).toBe(expected.n);
  expect(actual.successes, `${label} successes`).toBe(expected.successes);
  expectRelativelyClose(actual.share, expected.share, `${label} share`);
  expectRelativelyClose(actual.ci95?.lower ?? null, expected.lower, `${label} lower`);
  expectRelativelyClose(actual.ci95?.upper ?? null, expected.upper, `${label} upper`);
}

/** The reference t interval, cut to the scale [min, max] as the report does at tiny n (INTERVAL_CLIPPED). */
function expectMean(actual: MeanResult, expected: Mean, label: string, scale = { min: 0, max: 1 }): void {
  expect(actual.n, `${label} n`).toBe(expected.n);
  expectRelativelyClose(actual.mean, expected.mean, `${label} mean`);
  expectRelativelyClose(actual.standardDeviation, expected.sd, `${label} sd`);
  expectRelativelyClose(actual.ci95?.lower ?? null, expected.lower === null ? null : Math.max(scale.min, expected.lower), `${label} lower`);
  expectRelativelyClose(actual.ci95?.upper ?? null, expected.upper === null ? null : Math.min(scale.max, expected.upper), `${label} upper`);
  const clipped = expected.lower !== null && expected.upper !== null && (expected.lower < scale.min || expected.upper > scale.max);
  expect(actual.warnings.some((w) => w.code === 'INTERVAL_CLIPPED'), `${label} clipped`).toBe(clipped);
}

describe.each(datasets.map((dataset, i) => [dataset.name, dataset, expectedCases[i]!] as const))(
  'segment report on the %s data set agrees with NumPy/SciPy',
  (_name, dataset, expected) => {
    const report = segmentReport(dataset.template === 'full' ? fullTemplate() : shortTemplate(), respondentsOf(dataset), {
      thresholds: dataset.thresholds,
      changeEvent: { at: dataset.changeEventAt },
      bootstrap: { resamples: dataset.resamples, seed: dataset.seed },
    });

    it('segments and loyalty types of the classified (unclassified and unknown of all), within satisfied_not_loyal, TOO_FEW_ITEMS', () => {
      expect(report.n).toBe(expected.n);
      expect(report.classified).toBe(expected.classified);
      for (const { segment, share } of report.segments) expectShare(share, expected.segments[segment]!, segment);
      expect(report.withLoyaltyType).toBe(expected.withLoyaltyType);
      expect(report.loyaltyTypes.map((t) => t.type)).toEqual(Object.keys(expected.loyaltyTypes));
      for (const { type, share } of report.loyaltyTypes) expectShare(share, expected.loyaltyTypes[type]!, `type ${type}`);
      for (const { type, share } of report.satisfiedNotLoyalTypes) expectShare(share, expected.satisfiedNotLoyalTypes[type]!, type);
      expect(report.tooFewItems).toEqual(expected.tooFewItems);
    });

    it('NPS and CSAT', () => {
      expect(report.nps?.n).toBe(expected.nps.n);
      expectRelativelyClose(report.nps?.nps ?? null, expected.nps.nps, 'nps');
      expectRelativelyClose(report.nps?.standardError ?? null, expected.nps.se, 'nps se');
      const csat = report.csat!;
      expect(csat.n).toBe(expected.csat.n);
      expectRelativelyClose(csat.mean, expected.csat.mean, 'csat mean');
      expectRelativelyClose(csat.meanCi95?.lower ?? null, expected.csat.lower, 'csat lower');
      expectRelativelyClose(csat.meanCi95?.upper ?? null, expected.csat.upper, 'csat upper');
      expectShare(csat.topBox, expected.csat.topBox, 'top box');
      expectShare(csat.topTwoBox, expected.csat.topTwoBox, 'top-2 box');
    });

    it('Cronbach alpha, raw and standardized, per multi-item construct', () => {
      expect(report.reliability.map((r) => r.construct)).toEqual(Object.keys(expected.reliability));
      for (const { construct, result } of report.reliability) {
        const reference = expected.reliability[construct]!;
        expect(result.n, `${construct} n`).toBe(reference.n);
        expectRelativelyClose(result.alpha, reference.alpha, `${construct} alpha`);
        expectRelativelyClose(result.standardizedAlpha, reference.standardizedAlpha, `${construct} standardized alpha`);
        result.alphaIfItemDeleted.forEach((deleted, j) => {
          expectRelativelyClose(deleted.alpha, reference.ifDeleted[j] ?? null, `${construct} alpha without ${deleted.item}`);
          expectRelativelyClose(
            deleted.standardizedAlpha,
            reference.standardizedIfDeleted[j] ?? null,
            `${construct} standardized alpha without ${deleted.item}`,
          );
        });
      }
    });

    it('relative-weight drivers of S, E and B', () => {
      expect(report.drivers.models.map((m) => m.outcome)).toEqual(Object.keys(expected.drivers));
      for (const { outcome, result } of report.drivers.models) {
        const reference = expected.drivers[outcome]!;
        expectRelativelyClose(result.rSquared, reference?.rSquared ?? null, `${outcome} R²`);
        if (reference) {
          expect(result.n).toBe(reference.n);
          result.weights.forEach((weight, j) => expectRelativelyClose(weight.rawWeight, reference.raw[j]!, `${outcome} ${weight.predictor}`));
        }
      }
    });

    it('loyalist expectations by segment', () => {
      for (const { segment, scores } of report.loyalistExpectations.bySegment) {
        for (const { item, score } of scores) expectMean(score, expected.loyalistExpectations[segment]![item]!, `${item} ${segment}`);
      }
    });

    it('satisfaction curve and retention', () => {
      report.satisfactionCurve.points.forEach((point, i) => {
        expectShare(point.loyal, expected.satisfactionCurve[i]!.loyal, `loyal at ${point.level}`);
        expect(point.unclassified, `unclassified at ${point.level}`).toBe(expected.satisfactionCurve[i]!.unclassified);
        expectShare(point.retained, expected.satisfactionCurve[i]!.retained, `retained at ${point.level}`);
      });
      expectShare(report.retention.overall, expected.retention.overall, 'retained');
      for (const { segment, retained } of report.retention.bySegment) expectShare(retained, expected.retention.bySegment[segment]!, `retained ${segment}`);
      report.retention.byLevel.forEach(({ level, retained }, i) => expectShare(retained, expected.retention.byLevel[i]!, `retained at ${level}`));
    });

    it('service recovery and word of mouth', () => {
      if (!expected.serviceRecovery || !expected.wordOfMouth) return;
      for (const group of report.serviceRecovery.groups) {
        for (const split of ['all', 'gesture', 'no_gesture'] as const) {
          const reference = expected.serviceRecovery[group.group]![split];
          expectShare(group[split].loyal, reference.loyal, `${group.group} ${split} loyal`);
          expect(group[split].unclassified, `${group.group} ${split} unclassified`).toBe(reference.unclassified);
          expectMean(group[split].emotional, reference.emotional, `${group.group} ${split} E`);
        }
      }
      const wom = report.wordOfMouth;
      const groups = [wom.overall, ...wom.byLevel];
      const references = [expected.wordOfMouth.overall, ...expected.wordOfMouth.byLevel];
      groups.forEach((group, g) => {
        const reference = references[g]!;
        expectMean(group.positive, reference.positive, `told positive ${g}`, { min: 0, max: 1000 });
        expectMean(group.negative, reference.negative, `told negative ${g}`, { min: 0, max: 1000 });
        expect(group.ratio.n).toBe(reference.ratio.n);
        expectRelativelyClose(group.ratio.ratio, reference.ratio.ratio, `ratio ${g}`);
        expectRelativelyClose(group.ratio.ci95?.lower ?? null, reference.ratio.ci?.[0] ?? null, `ratio lower ${g}`);
        expectRelativelyClose(group.ratio.ci95?.upper ?? null, reference.ratio.ci?.[1] ?? null, `ratio upper ${g}`);
      });
    });

    it('before/after the change event', () => {
      const change = report.changeEvent!;
      expectShare(change.before.loyal, expected.changeEvent.before, 'loyal before');
      expectShare(change.after.loyal, expected.changeEvent.after, 'loyal after');
      expect([change.before.unclassified, change.after.unclassified]).toEqual([
        expected.changeEvent.unclassifiedBefore,
        expected.changeEvent.unclassifiedAfter,
      ]);
      const difference = expected.changeEvent.difference;
      if (difference) {
        expectRelativelyClose(change.loyalShareDifference.difference, difference.difference, 'loyal difference');
        expectRelativelyClose(change.loyalShareDifference.z, difference.z, 'z');
        expectPValueClose(change.loyalShareDifference.pValue, difference.pValue, 'p');
        expectRelativelyClose(change.loyalShareDifference.ci95?.lower ?? null, difference.lower, 'difference lower');
        expectRelativelyClose(change.loyalShareDifference.ci95?.upper ?? null, difference.upper, 'difference upper');
      }
      expectRelativelyClose(change.before.nps.nps, expected.changeEvent.npsBefore.nps, 'nps before');
      expectRelativelyClose(change.after.nps.nps, expected.changeEvent.npsAfter.nps, 'nps after');
      const npsDifference = expected.changeEvent.npsDifference;
      expectRelativelyClose(change.npsDifference.difference, npsDifference?.difference ?? null, 'nps difference');
      expectRelativelyClose(change.npsDifference.standardError, npsDifference?.se ?? null, 'nps difference se');
      expectRelativelyClose(change.npsDifference.ci95?.lower ?? null, npsDifference?.lower ?? null, 'nps difference lower (±1.96 SE)');
      expectRelativelyClose(change.npsDifference.ci95?.upper ?? null, npsDifference?.upper ?? null, 'nps difference upper (±1.96 SE)');
    });
  },
);
