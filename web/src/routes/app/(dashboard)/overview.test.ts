import { describe, expect, it } from 'vitest';
import type { SegmentReport } from '$lib/api.js';
import type { ShareResult } from '../report.js';
import { csatWords, densityCells, linkStrength, quarters, satisfiedNotLoyalSentence, type SatisfactionLoyaltyTest } from './overview.js';

type Part = SegmentReport['satisfactionLoyalty'];
const share = (successes: number, n: number, lower: number, upper: number): ShareResult => ({ n, successes, share: successes / n, ci95: { lower, upper, level: 0.95 }, warnings: [] });
const pearson = (r: number | null, pValue: number | null) => ({ n: 1980, r, t: null, df: null, pValue, ci95: null, warnings: [] });
function part(r: number | null, pValue: number | null, notLoyal: ShareResult = share(456, 1204, 0.351, 0.407)): Part {
  const test = { pearson: pearson(r, pValue) } as unknown as SatisfactionLoyaltyTest;
  return { notLoyalAmongSatisfied: notLoyal, emotional: test, behavioural: null } as unknown as Part;
}

describe('the satisfied-is-not-loyal sentence', () => {
  it('gives the share, its interval, the satisfied n and how much more loyal the satisfied are', () => {
    expect(satisfiedNotLoyalSentence(part(0.41, 0.0001), 'en')).toBe(
      '38% of the 1,204 satisfied customers are not loyal (95% CI 35–41%); satisfied customers are only moderately more loyal: r = 0.41.',
    );
    expect(satisfiedNotLoyalSentence(part(0.41, 0.0001), 'ru')).toBe(
      'Из 1\u00a0204 довольных клиентов 38\u00a0% не лояльны (95\u00a0% ДИ 35–41\u00a0%); довольные клиенты лишь умеренно лояльнее: r = 0,41.',
    );
  });

  it('says a correlation that could be chance is one, and leaves r out when there is none', () => {
    expect(satisfiedNotLoyalSentence(part(0.04, 0.4), 'en')).toContain('the link between satisfaction and loyalty could be chance: r = 0.04 (p = 0.400)');
    expect(satisfiedNotLoyalSentence(part(null, null), 'en')).toBe('38% of the 1,204 satisfied customers are not loyal (95% CI 35–41%).');
  });

  it('explains why there is no share when nobody satisfied is classified', () => {
    const nobody = { n: 0, successes: 0, share: null, ci95: null, warnings: [] };
    expect(satisfiedNotLoyalSentence(part(null, null, nobody), 'en')).toMatch(/^No satisfied customer/);
  });
});

describe('the strength of the link', () => {
  it.each([
    [0.05, 0.01, 'negligible'],
    [0.2, 0.01, 'weak'],
    [0.3, 0.01, 'moderate'],
    [0.5, 0.01, 'strong'],
    [-0.3, 0.01, 'negative'],
    [0.6, 0.05, 'chance'],
  ] as const)('reads r = %f at p = %f as %s', (r, pValue, reading) => {
    expect(linkStrength({ r, pValue })).toBe(reading);
  });
});

describe('the map', () => {
  it('places each non-empty square by its bins, the densest at 1', () => {
    const cells = densityCells([
      [4, 0],
      [1, 0],
    ]);
    expect(cells).toEqual([
      { x: 0, y: 0, size: 0.5, count: 4, density: 1 },
      { x: 0, y: 0.5, size: 0.5, count: 1, density: 0.5 },
    ]);
    expect(densityCells([[0, 0]])).toEqual([]);
  });

  it('counts the quarters from the 2×2 table (rows satisfied or not, columns loyal score high or not)', () => {
    const test = { table: [[30, 10], [5, 55]] } as unknown as SatisfactionLoyaltyTest;
    expect(quarters(test)).toEqual([
      { quarter: 'high_high', count: 30, share: 0.3 },
      { quarter: 'high_low', count: 10, share: 0.1 },
      { quarter: 'low_high', count: 5, share: 0.05 },
      { quarter: 'low_low', count: 55, share: 0.55 },
    ]);
  });
});

describe('CSAT', () => {
  it('gives the top-two-box share with its interval and n, and the mean', () => {
    const csat = { question: 'sat_overall', n: 200, mean: 3.62, meanCi95: { lower: 3.5, upper: 3.74, level: 0.95 }, topBox: share(40, 200, 0.15, 0.26), topTwoBox: share(126, 200, 0.561, 0.694), warnings: [] };
    expect(csatWords(csat, 'en')).toEqual({
      headline: 'CSAT 63.0% (95% CI 56.1–69.4%), n = 200',
      explained: 'The share who answered the overall satisfaction question in its top two boxes; the mean answer is 3.6 (95% CI 3.5–3.7).',
    });
    expect(csatWords({ ...csat, n: 0, topTwoBox: { n: 0, successes: 0, share: null, ci95: null, warnings: [] } }, 'en')).toBeNull();
  });
});
