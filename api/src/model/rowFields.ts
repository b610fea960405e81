/**
 * What every imported row (an invite, a purchase; a CSV line or a JSON item) checks the same way:
 * its text cells (trimmed, required or optional, no NUL or lone surrogate, a length limit) and the
 * purchase time (a real instant, from 2000 to a day ahead). Each problem is reported through
 * `refuse(column, message, code)`, so a row lists all its problems at once.
 */
import { hasInvalidCharacters } from './answers.js';
import { parseInstant } from './instant.js';

export const DAY_MS = 24 * 60 * 60 * 1000;
const EARLIEST_PURCHASE = Date.UTC(2000, 0, 1);

export type RefuseCell<Column extends string> = (column: Column, message: string, code: string) => void;

/**
 * A reader of the row's text cells: the trimmed text, or undefined when empty (refused when required)
 * or refused.
 * @example const cell = cellReader(input, ['customer_ref'], { customer_ref: 200 }, refuse); cell('customer_ref')
 */
export function cellReader<Column extends string>(
  input: Partial<Record<Column, string>>,
  required: readonly Column[],
  limits: Partial<Record<Column, number>>,
  refuse: RefuseCell<Column>,
): (column: Column) => string | undefined {
  return (column) => {
    const value = input[column]?.trim();
    if (value === undefined || value === '') {
      if (required.includes(column)) refuse(column, 'is required', 'REQUIRED');
      return undefined;
    }
    if (hasInvalidCharacters(value)) {
      refuse(column, 'holds a NUL character or half of a surrogate pair; remove it', 'INVALID_CHARACTERS');
      return undefined;
    }
    const limit = limits[column];
    if (limit !== undefined && value.length > limit) {
      refuse(column, `is longer than ${limit} characters`, 'TOO_LONG');
      return undefined;
    }
    return value;
  };
}

/**
 * The `purchased_at` cell as an instant: a real date or date-time, not before 2000, at most a day ahead
 * of `now` (time zones); undefined when absent or refused.
 * @example purchaseTime('2026-03-01', Date.now(), refuse) // => Date 2026-03-01T00:00:00Z
 */
export function purchaseTime<Column extends string>(text: string | undefined, now: number, refuse: RefuseCell<Column | 'purchased_at'>): Date | undefined {
  if (text === undefined) return undefined;
  const instant = parseInstant(text, { dateOnly: 'allowed' });
  if (!instant) refuse('purchased_at', 'must be a real date such as 2026-03-01 or 2026-03-01T09:30:00Z', 'NOT_A_DATE');
  else if (instant.ms > now + DAY_MS) refuse('purchased_at', 'is in the future; a purchase must have happened (up to one day ahead for time zones)', 'IN_THE_FUTURE');
  else if (instant.ms < EARLIEST_PURCHASE) refuse('purchased_at', 'is before 2000-01-01', 'TOO_EARLY');
  else return new Date(instant.ms);
  return undefined;
}
