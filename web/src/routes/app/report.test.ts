import { describe, expect, it } from 'vitest';
import {
  cellWarnings,
  chartPoint,
  formatEstimate,
  formatMean,
  formatPValue,
  formatShare,
  formatShareDifference,
  largestIndex,
  partWarnings,
  predictorLabel,
  respondentsIn,
  shareAxisMax,
  splitSegments,
  versionRows,
  type ReportWarning,
} from './report.js';

const share = { n: 2000, share: 0.312, ci95: { lower: 0.291, upper: 0.334, level: 0.95 } };

describe('dashboard segment report', () => {
  it('writes a share with its interval out in full', () => {
    expect(formatShare(share, 'en')).toBe('31.2% (95% CI 29.1–33.4%)');
  });

  it('writes it in the reader’s language', () => {
    expect(formatShare(share, 'ru')).toBe('31,2\u00a0% (95\u00a0% ДИ 29,1–33,4\u00a0%)');
  });

  it('says "no answers" instead of NaN when nobody was in the group', () => {
    expect(formatShare({ n: 0, share: null, ci95: null }, 'en')).toBe('— (no answers)');
    expect(formatMean({ n: 0, mean: null, ci95: null }, 'en')).toBe('— (no answers)');
    expect(formatShareDifference(null, null, 'en')).toBe('— (no answers)');
    expect(formatPValue(null, 'en')).toBe('—');
  });

  it('writes a share without interval, and a mean with one', () => {
    expect(formatShare({ ...share, ci95: null }, 'en')).toBe('31.2%');
    expect(formatMean({ n: 10, mean: 0.6234, ci95: { lower: 0.6, upper: 0.64, level: 0.95 } }, 'en')).toBe('0.62 (95% CI 0.60–0.64)');
  });

  it('signs differences in percentage points and NPS points', () => {
    expect(formatShareDifference(0.031, { lower: -0.01, upper: 0.072, level: 0.95 }, 'en')).toBe('+3.1 pp (95% CI -1.0 to 7.2)');
    expect(formatEstimate(-22.04, { lower: -26.3, upper: -17.8, level: 0.95 }, 'en', 0)).toBe('-22 (95% CI -26 to -18)');
    expect(formatEstimate(-4.4, { lower: -10.2, upper: 1.4, level: 0.95 }, 'en', 0, true)).toBe('-4 (95% CI -10 to 1)');
  });

  it('writes small p-values as a bound', () => {
    expect(formatPValue(0.0421, 'en')).toBe('p = 0.042');
    expect(formatPValue(0.00001, 'en')).toBe('p < 0.001');
  });

  it('routes warnings to a card by part, in the page’s language, naming the result of a family', () => {
    // `message` is the API's English text for scripts; the dashboard renders the code instead.
    const message = 'English text for scripts';
    const warnings: ReportWarning[] = [
      { part: 'recovery', code: 'RECOVERY_NOT_ASKED', params: {}, message },
      { part: 'reliability', code: 'ALPHA_SMALL_SAMPLE', params: { n: 12, min: 30, construct: 'emotional' }, message },
      { part: 'word_of_mouth', code: 'WOM_EMPTY', params: {}, message },
    ];
    expect(partWarnings(warnings, 'recovery', 'en')).toEqual(['The survey does not ask about problems: there is no service-recovery table.']);
    expect(partWarnings(warnings, 'reliability', 'ru')).toEqual(['Привязанность (E): мало полных наборов ответов (n = 12, меньше 30): альфа неточна.']);
    expect(partWarnings(warnings, ['recovery', 'word_of_mouth'], 'en')).toHaveLength(2);
  });

  it('names the row of a cell warning and leaves out NO_ANSWERS ones, once each', () => {
    const small = { code: 'SMALL_SAMPLE', params: { n: 12, min: 30 } } as const;
    const cells = [
      { label: 'Level 1', warnings: [small, small] },
      { label: 'Level 2', warnings: [{ code: 'NO_ANSWERS', params: {} } as const] },
    ];
    expect(cellWarnings(cells, 'ka')).toEqual(['Level 1: პასუხები ცოტაა (n = 12, 30-ზე ნაკლები): მაჩვენებელი მხოლოდ მიახლოებით მიიჩნიეთ.']);
    expect(cellWarnings(cells, 'ru')).toEqual(['Level 1: мало ответов (n = 12, меньше 30): считайте показатель приблизительным.']);
  });

  it('finds the largest weight, ignoring missing ones', () => {
    expect(largestIndex([0.2, null, 0.5, 0.3])).toBe(2);
    expect(largestIndex([null, null])).toBe(-1);
  });

  it('turns a share into a bar with whiskers in percent, or nothing', () => {
    expect(chartPoint(share)).toEqual({ value: 31.2, lower: 29.1, upper: 33.4 });
    expect(chartPoint({ share: null, ci95: null })).toBeNull();
  });

  it('names known drivers and falls back to the question id', () => {
    expect(predictorLabel('sat_price', 'et')).toBe('Hind');
    expect(predictorLabel('sat_parking', 'en')).toBe('sat_parking');
  });

  it('fits the chart axis to the widest interval', () => {
    expect(shareAxisMax([{ upper: 33.4 }, null, { upper: 12 }])).toBe(40);
    expect(shareAxisMax([{ upper: 0.2 }])).toBe(10);
    expect(shareAxisMax([{ upper: 99.9 }])).toBe(100);
    expect(shareAxisMax([])).toBe(10);
  });
});

describe('classified and unclassified respondents', () => {
  const of = (successes: number, n: number) => ({ n, successes, share: n === 0 ? null : successes / n, ci95: null, warnings: [] });

  it('keeps unclassified apart from the segments that add up to 100%', () => {
    const segments = [
      { segment: 'loyal' as const, share: of(3, 8) },
      { segment: 'defector' as const, share: of(5, 8) },
      { segment: 'unclassified' as const, share: of(2, 10) },
    ];
    const { classified, unclassified } = splitSegments(segments);
    expect(classified.map((row) => row.segment)).toEqual(['loyal', 'defector']);
    expect(classified.reduce((sum, row) => sum + row.share.share!, 0)).toBe(1);
    expect(unclassified?.share.n).toBe(10);
    expect(splitSegments(segments.slice(0, 2)).unclassified).toBeNull();
  });

  it('counts a row’s unclassified respondents with the classified ones of its loyal share', () => {
    expect(respondentsIn({ loyal: { n: 253 }, unclassified: 10 })).toBe(263);
    expect(respondentsIn({ loyal: { n: 0 }, unclassified: 4 })).toBe(4);
  });

  it('lists the versions only when responses came from more than one', () => {
    expect(versionRows([{ version: 1, n: 1200 }, { version: 2, n: 1800 }], 'en')).toEqual([
      { key: 1, label: 'Version 1', count: '1,200' },
      { key: 2, label: 'Version 2', count: '1,800' },
    ]);
    expect(versionRows([{ version: 1, n: 0 }, { version: 2, n: 30 }], 'ru')).toEqual([]);
    expect(versionRows([{ version: 1, n: 30 }], 'en')).toEqual([]);
  });
});
