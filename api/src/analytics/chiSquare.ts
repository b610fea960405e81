import { sum } from 'simple-statistics';
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf';
import type { AnalyticsWarning } from './result.js';

export interface ChiSquareResult {
  /** Total count in the table. */
  n: number;
  /** Pearson's X² over the rows and columns with a non-zero total; null when fewer than 2 of either remain. */
  statistic: number | null;
  /** (rows − 1)(columns − 1), counting only rows and columns with a non-zero total; 0 when no test. */
  df: number;
  /** Upper tail of χ² with df degrees of freedom; null with the statistic. */
  pValue: number | null;
  /** Cramér's V = √(X² / (n·(min(rows, columns) − 1))); null with the statistic. */
  cramersV: number | null;
  /** rowTotal·columnTotal/n for every cell of the table as given (0 in a dropped row or column). */
  expected: number[][];
  warnings: AnalyticsWarning[];
}

/** Below this expected count the χ² approximation is doubtful (Cochran 1954). */
const LOW_EXPECTED = 5;

/**
 * Pearson's chi-square test of independence for an r×c table of counts, no continuity correction
 * (as R's `chisq.test(table, correct = FALSE)`), with Cramér's V. Rows and columns whose total is 0
 * carry no information and would divide by zero: they are left out, with a warning.
 *
 * @example
 * chiSquareIndependence([[20, 10], [10, 20]]).statistic; // => 6.666...
 */
export function chiSquareIndependence(
  table: readonly (readonly number[])[],
  labels: { rows?: string[]; columns?: string[] } = {},
): ChiSquareResult {
  const columnCount = table[0]?.length ?? 0;
  table.forEach((row, rowIndex) => {
    if (row.length !== columnCount) {
      throw new RangeError(`Row ${rowIndex} has ${row.length} cells; every row needs ${columnCount}.`);
    }
    row.forEach((count) => {
      if (!Number.isFinite(count) || count < 0) {
        throw new RangeError(`Counts must be finite and ≥ 0; row ${rowIndex} holds ${count}.`);
      }
    });
  });
  const rowLabel = (index: number): string => labels.rows?.[index] ?? `row ${index + 1}`;
  const columnLabel = (index: number): string => labels.columns?.[index] ?? `column ${index + 1}`;

  const rowTotals = table.map((row) => sum([...row]));
  const columnTotals = Array.from({ length: columnCount }, (_, column) => sum(table.map((row) => row[column] ?? 0)));
  const n = sum(rowTotals);
  const expected = rowTotals.map((rowTotal) => columnTotals.map((columnTotal) => (n === 0 ? 0 : (rowTotal * columnTotal) / n)));
  const warnings: AnalyticsWarning[] = [];
  if (n === 0) {
    warnings.push({ code: 'CHI_SQUARE_EMPTY', params: {} });
    return { n, statistic: null, df: 0, pValue: null, cramersV: null, expected, warnings };
  }

  const keptRows = rowTotals.flatMap((total, index) => (total > 0 ? [index] : []));
  const keptColumns = columnTotals.flatMap((total, index) => (total > 0 ? [index] : []));
  const droppedRows = rowTotals.flatMap((total, index) => (total > 0 ? [] : [rowLabel(index)]));
  const droppedColumns = columnTotals.flatMap((total, index) => (total > 0 ? [] : [columnLabel(index)]));
  if (droppedRows.length + droppedColumns.length > 0) {
    warnings.push({ code: 'CHI_SQUARE_EMPTY_CATEGORIES', params: { categories: [...droppedRows, ...droppedColumns] } });
  }
  const df = Math.max(0, keptRows.length - 1) * Math.max(0, keptColumns.length - 1);
  if (df === 0) {
    warnings.push({ code: 'CHI_SQUARE_UNTESTABLE', params: { rows: keptRows.length, columns: keptColumns.length } });
    return { n, statistic: null, df, pValue: null, cramersV: null, expected, warnings };
  }

  const lowCells: string[] = [];
  let statistic = 0;
  for (const row of keptRows) {
    for (const column of keptColumns) {
      const expectedCount = expected[row]?.[column] ?? Number.NaN;
      const observed = table[row]?.[column] ?? Number.NaN;
      statistic += (observed - expectedCount) ** 2 / expectedCount;
      if (expectedCount < LOW_EXPECTED) {
        lowCells.push(`${rowLabel(row)} × ${columnLabel(column)} (${Number(expectedCount.toFixed(2))})`);
      }
    }
  }
  if (lowCells.length > 0) {
    warnings.push({ code: 'LOW_EXPECTED_COUNT', params: { min: LOW_EXPECTED, cells: lowCells } });
  }
  const pValue = 1 - chisquareCdf(statistic, df);
  const cramersV = Math.sqrt(statistic / (n * (Math.min(keptRows.length, keptColumns.length) - 1)));
  return { n, statistic, df, pValue, cramersV, expected, warnings };
}
