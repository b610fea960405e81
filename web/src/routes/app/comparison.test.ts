import { describe, expect, it } from 'vitest';
import { describeTwoProportion, readInterval, readPValue, rowShare } from './comparison.js';
import { wrapLabel } from './intervalChart.js';
import { stacked } from './stackedCell.js';

describe('a comparison in plain words', () => {
  it('reads a p-value under 5% as a clear difference and one above as possibly chance', () => {
    expect(readPValue(0.003, 'en')).toBe('The difference is clear (p = 0.003).');
    expect(readPValue(0.41, 'en')).toBe('The difference could be chance (p = 0.410).');
    expect(readPValue(0.0001, 'en', 'link')).toBe('The link is clear (p < 0.001).');
  });

  it('says a test without a p-value cannot be read, never "NaN"', () => {
    expect(readPValue(null, 'ru')).toBe('Слишком мало ответов, чтобы это проверить.');
    expect(readPValue(Number.NaN, 'en')).toBe('Too few answers to test it.');
  });

  it('reads an interval by whether it leaves out the value of no difference', () => {
    expect(readInterval({ lower: 1.4, upper: 2.2 }, 1, 'en', '1')).toBe('The interval leaves out 1: the difference is clear.');
    expect(readInterval({ lower: -6, upper: 7 }, 0, 'en', '0')).toBe('The interval includes 0: the difference could be chance.');
  });

  it('writes two shares, their n and the difference in the page’s language', () => {
    const test = { shareA: 0.408, shareB: 0.332, nA: 363, nB: 2005, difference: 0.076, ci95: { lower: 0.021, upper: 0.13, level: 0.95 }, pValue: 0.005 };
    expect(describeTwoProportion(test, 'en')).toEqual({
      sentence: '40.8% (n = 363) against 33.2% (n = 2,005); difference +7.6 pp (95% CI 2.1 to 13.0).',
      reading: 'The difference is clear (p = 0.005).',
    });
  });

  it('takes the share of a 2×2 row, null for an empty row', () => {
    expect(rowShare([3, 1])).toBe(0.75);
    expect(rowShare([0, 0])).toBeNull();
  });
});

describe('chart labels and table cells on a phone', () => {
  it('wraps a long label between words instead of cutting it', () => {
    expect(wrapLabel('Довольные, но не лояльные', 12)).toEqual(['Довольные,', 'но не', 'лояльные']);
    expect(wrapLabel('Loyal', 12)).toBe('Loyal');
  });

  it('puts an interval under its figure', () => {
    expect(stacked('62.2% (95% CI 54.6–69.3%)')).toBe('62.2%\n(95% CI 54.6–69.3%)');
    expect(stacked('—')).toBe('—');
  });
});
