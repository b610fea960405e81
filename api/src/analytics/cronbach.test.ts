import { describe, expect, it } from 'vitest';
import { expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { cronbachAlpha } from './cronbach.js';

interface CronbachCase {
  name: string;
  itemNames: string[];
  rows: (number | null)[][];
  n: number;
  k: number;
  alpha: number | null;
  alphaIfItemDeleted: (number | null)[];
}

describe('cronbachAlpha', () => {
  for (const c of loadFixture<CronbachCase>('cronbach')) {
    it(`matches R (confirmed by psych::alpha) for ${c.name}`, () => {
      const result = cronbachAlpha(c.rows, c.itemNames);
      expect(result).toMatchObject({ n: c.n, k: c.k });
      expectRelativelyClose(result.alpha, c.alpha, 'alpha');
      expect(result.alphaIfItemDeleted.map((d) => d.item)).toEqual(c.itemNames);
      c.alphaIfItemDeleted.forEach((expected, index) => {
        expectRelativelyClose(result.alphaIfItemDeleted[index]?.alpha ?? null, expected, `alpha without ${c.itemNames[index]}`);
      });
    });
  }

  it('uses complete cases only', () => {
    const withGap = cronbachAlpha([[1, 2], [2, 3], [null, 5], [4, 4]], ['a', 'b']);
    const without = cronbachAlpha([[1, 2], [2, 3], [4, 4]], ['a', 'b']);
    expect(withGap.n).toBe(3);
    expect(withGap.alpha).toBe(without.alpha);
  });

  it('warns ALPHA_ZERO_VARIANCE when every respondent has the same total', () => {
    const result = cronbachAlpha(Array.from({ length: 40 }, () => [3, 3, 3]), ['a', 'b', 'c']);
    expect(result.alpha).toBeNull();
    expect(result.warnings.map((w) => w.code)).toEqual(['ALPHA_ZERO_VARIANCE']);
  });

  it('has no alpha for a single item, with an ALPHA_TOO_FEW_ITEMS warning naming it', () => {
    const result = cronbachAlpha([[1], [2], [3]], ['feel_loss']);
    expect(result).toMatchObject({ k: 1, alpha: null, alphaIfItemDeleted: [{ item: 'feel_loss', alpha: null }] });
    expect(result.warnings[0]).toEqual({ code: 'ALPHA_TOO_FEW_ITEMS', params: { k: 1, items: ['feel_loss'] } });
  });

  it('warns ALPHA_EMPTY when nobody answered every item and ALPHA_ONE_CASE with one complete case', () => {
    expect(cronbachAlpha([[1, null], [null, 2]], ['a', 'b']).warnings).toEqual([{ code: 'ALPHA_EMPTY', params: { items: ['a', 'b'] } }]);
    const one = cronbachAlpha([[1, 2]], ['a', 'b']);
    expect(one.alpha).toBeNull();
    expect(one.warnings.map((w) => w.code)).toEqual(['ALPHA_ONE_CASE']);
    expect(cronbachAlpha([[1, 2], [2, 2], [3, 1]], ['a', 'b']).warnings).toContainEqual({ code: 'ALPHA_SMALL_SAMPLE', params: { n: 3, min: 30 } });
  });

  it('refuses a row whose length differs from the item list', () => {
    expect(() => cronbachAlpha([[1, 2, 3]], ['a', 'b'])).toThrow(/Row 0 has 3 values/);
  });
});
