/**
 * CSV for spreadsheets: UTF-8 with a byte order mark (Excel then reads Cyrillic and Georgian right),
 * and cells a spreadsheet would run as a formula are defused with a leading apostrophe (OWASP CSV injection).
 */
import { stringify, type Stringifier } from 'csv-stringify';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * @example defuseFormula('=HYPERLINK("x")') // "'=HYPERLINK(\"x\")"
 */
export function defuseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

export function csvStringifier(header: string[]): Stringifier {
  return stringify({
    bom: true,
    header: true,
    columns: header,
    cast: {
      string: (value) => defuseFormula(value),
      date: (value) => value.toISOString(),
    },
  });
}
