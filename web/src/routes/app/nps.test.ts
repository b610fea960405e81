import { describe, expect, it } from 'vitest';
import { formatShare, npsGroups, npsSentence } from './nps.js';

const summary = {
  n: 2000, nps: 23.4, standardError: 2.1, ci95: { lower: 19.28, upper: 27.52, level: 0.95 },
  promoters: 900, passives: 568, detractors: 532, warnings: [],
};

describe('dashboard NPS', () => {
  it('writes the interval out in words', () => {
    expect(npsSentence(summary, 'en')).toBe('NPS 23 (95% CI 19 to 28), n = 2,000');
  });

  it('writes a negative NPS and no interval when there is none', () => {
    expect(npsSentence({ ...summary, n: 1, nps: -100, ci95: null }, 'en')).toBe('NPS -100, n = 1');
  });

  it('does not write minus zero for an interval end that rounds to zero', () => {
    expect(npsSentence({ ...summary, ci95: { lower: -0.3, upper: 4, level: 0.95 } }, 'en')).toContain('CI 0 to 4');
  });

  it('says so when nobody answered the recommend question', () => {
    expect(npsSentence({ ...summary, n: 0, nps: null, ci95: null }, 'en')).toBe('No answers to the recommendation question yet.');
  });

  it('shares sum to one and survive n = 0', () => {
    expect(npsGroups(summary).reduce((sum, group) => sum + group.share, 0)).toBeCloseTo(1, 12);
    expect(npsGroups({ ...summary, n: 0, promoters: 0, passives: 0, detractors: 0 }).map((g) => g.share)).toEqual([0, 0, 0]);
    expect(formatShare(0.45, 'en')).toBe('45.0%');
  });
});
