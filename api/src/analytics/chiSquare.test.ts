import { describe, expect, it } from 'vitest';
import { expectPValueClose, expectRelativelyClose, loadFixture } from './fixtures/expectClose.js';
import { chiSquareIndependence } from './chiSquare.js';

interface ChiSquareCase {
  name: string;
  table: number[][];
  n: number;
  statistic: number;
  df: number;
  pValue: number;
  cramersV: number;
  expected: number[][];
  lowExpectedCells: number;
}

describe('chiSquareIndependence', () => {
  for (const c of loadFixture<ChiSquareCase>('chiSquare')) {
    it(`matches R chisq.test(correct = FALSE) for ${c.name}`, () => {
      const result = chiSquareIndependence(c.table);
      expect(result.n).toBe(c.n);
      expectRelativelyClose(result.statistic, c.statistic, 'statistic');
      expect(result.df).toBe(c.df);
      expectPValueClose(result.pValue, c.pValue, 'pValue');
      expectRelativelyClose(result.cramersV, c.cramersV, "Cramér's V");
      c.expected.forEach((row, i) =>
        row.forEach((cell, j) => expectRelativelyClose(result.expected[i]?.[j], cell, `expected[${i}][${j}]`)),
      );
      const low = result.warnings.find((w) => w.code === 'LOW_EXPECTED_COUNT');
      if (c.lowExpectedCells === 0) expect(low).toBeUndefined();
      else expect(low?.params.cells).toHaveLength(c.lowExpectedCells);
    });
  }

  it('names the cells whose expected count is below 5', () => {
    const result = chiSquareIndependence([[8, 2], [3, 7]], { rows: ['loyal', 'defector'], columns: ['yes', 'no'] });
    const low = result.warnings.find((w) => w.code === 'LOW_EXPECTED_COUNT');
    // Expected counts: loyal 5.5 / 4.5, defector 5.5 / 4.5 — only the "no" column is below 5.
    expect(low?.params).toEqual({ min: 5, cells: ['loyal × no (4.5)', 'defector × no (4.5)'] });
  });

  it('drops empty rows and columns, saying which, instead of producing NaN', () => {
    const result = chiSquareIndependence([[10, 0, 5], [0, 0, 0], [4, 0, 12]], { rows: ['a', 'b', 'c'], columns: ['x', 'y', 'z'] });
    expect(result.df).toBe(1);
    expect(Number.isFinite(result.statistic)).toBe(true);
    expect(result.expected[1]).toEqual([0, 0, 0]);
    expect(result.warnings.find((w) => w.code === 'CHI_SQUARE_EMPTY_CATEGORIES')?.params).toEqual({ categories: ['b', 'y'] });
  });

  it('has no test when only one column has counts', () => {
    const result = chiSquareIndependence([[3], [4]]);
    expect(result).toMatchObject({ df: 0, statistic: null, pValue: null, cramersV: null });
    expect(result.warnings.map((w) => w.code)).toContain('CHI_SQUARE_UNTESTABLE');
  });

  it('warns CHI_SQUARE_EMPTY for a table of zeros', () => {
    const result = chiSquareIndependence([[0, 0], [0, 0]]);
    expect(result).toMatchObject({ n: 0, statistic: null });
    expect(result.warnings.map((w) => w.code)).toEqual(['CHI_SQUARE_EMPTY']);
  });

  it('refuses negative counts and ragged rows', () => {
    expect(() => chiSquareIndependence([[1, -2], [3, 4]])).toThrow(/-2/);
    expect(() => chiSquareIndependence([[1, 2], [3]])).toThrow(/Row 1 has 1 cells/);
  });
});
