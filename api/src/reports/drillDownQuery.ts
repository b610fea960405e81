/**
 * The drill-down's query parameters (docs/API.md "Drill-down"): the report filters (reports/filter.ts),
 * the cell (loyalty type, satisfaction level, recovery group; the segment and the period are filters
 * already), the sort and the page. Bad values → 400 naming the parameter: INVALID_FILTER for a filter
 * or a cell, VALIDATION_FAILED for the sort, the order, the limit or the cursor.
 */
import { Type, type Static } from 'typebox';
import { LOYALTY_TYPES, type LoyaltyType } from '../analytics/segments.js';
import { RECOVERY_GROUPS, type RecoveryGroup } from '../analytics/serviceRecovery.js';
import { ApiError, type ErrorCode } from '../errors.js';
import { isUuid } from '../surveys/schemas.js';
import { parseReportFilter, ReportFilterQuery, type ReportFilter } from './filter.js';

export const DRILL_SORTS = ['submittedAt', 'S', 'E', 'B'] as const;
export type DrillSort = (typeof DRILL_SORTS)[number];
export type DrillOrder = 'asc' | 'desc';
export const DRILL_MAX_LIMIT = 200;
const DEFAULT_LIMIT = 50;

export interface DrillCell {
  loyaltyType?: LoyaltyType;
  satisfactionLevel?: number;
  recoveryGroup?: RecoveryGroup;
}

/** Where a page starts: after the row with this sort key and id (keyset paging). */
export interface DrillCursor {
  key: string | number;
  id: string;
}

export interface DrillPage {
  limit: number;
  cursor?: DrillCursor;
}

const PageQueryFields = {
  cursor: Type.Optional(Type.String({ description: 'The nextCursor of the previous page; opaque.' })),
  limit: Type.Optional(Type.String({ description: `Rows per page, 1–${DRILL_MAX_LIMIT} (default ${DEFAULT_LIMIT}).` })),
};

export const RespondentsQuery = Type.Object({
  ...ReportFilterQuery.properties,
  loyaltyType: Type.Optional(Type.String({ description: `One of ${LOYALTY_TYPES.join(', ')}.` })),
  satisfactionLevel: Type.Optional(Type.String({ description: 'The overall-satisfaction answer as given (a whole number).' })),
  recoveryGroup: Type.Optional(Type.String({ description: `One of ${RECOVERY_GROUPS.join(', ')}.` })),
  sort: Type.Optional(Type.String({ description: 'submittedAt (default), S, E or B.' })),
  order: Type.Optional(Type.String({ description: 'asc or desc (default).' })),
  ...PageQueryFields,
});
export type RespondentsQuery = Static<typeof RespondentsQuery>;

export const CommentsQuery = Type.Object({ ...ReportFilterQuery.properties, ...PageQueryFields });
export type CommentsQuery = Static<typeof CommentsQuery>;

function refuse(code: ErrorCode, parameter: string, message: string): never {
  throw new ApiError(code, `${parameter}: ${message}`, [{ path: `/query/${parameter}`, message }]);
}

const given = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

/** The cell parameters; 400 INVALID_FILTER naming the one that is not a loyalty type, a level or a recovery group. */
export function parseCell(query: RespondentsQuery): DrillCell {
  const cell: DrillCell = {};
  const type = given(query.loyaltyType);
  if (type !== undefined) {
    if (!(LOYALTY_TYPES as readonly string[]).includes(type)) refuse('INVALID_FILTER', 'loyaltyType', `"${type}" is not one of ${LOYALTY_TYPES.join(', ')}.`);
    cell.loyaltyType = type as LoyaltyType;
  }
  const level = given(query.satisfactionLevel);
  if (level !== undefined) {
    if (!/^-?\d{1,4}$/.test(level) || Math.abs(Number(level)) > 1000) refuse('INVALID_FILTER', 'satisfactionLevel', `"${level}" is not a whole number from -1000 to 1000.`);
    cell.satisfactionLevel = Number(level);
  }
  const group = given(query.recoveryGroup);
  if (group !== undefined) {
    if (!(RECOVERY_GROUPS as readonly string[]).includes(group)) refuse('INVALID_FILTER', 'recoveryGroup', `"${group}" is not one of ${RECOVERY_GROUPS.join(', ')}.`);
    cell.recoveryGroup = group as RecoveryGroup;
  }
  return cell;
}

/** The sort and its order; 400 VALIDATION_FAILED naming `sort` or `order`. */
export function parseSort(query: RespondentsQuery): { sort: DrillSort; order: DrillOrder } {
  const sort = given(query.sort) ?? 'submittedAt';
  if (!(DRILL_SORTS as readonly string[]).includes(sort)) refuse('VALIDATION_FAILED', 'sort', `"${sort}" is not one of ${DRILL_SORTS.join(', ')}.`);
  const order = given(query.order) ?? 'desc';
  if (order !== 'asc' && order !== 'desc') refuse('VALIDATION_FAILED', 'order', `"${order}" is not asc or desc.`);
  return { sort: sort as DrillSort, order };
}

/**
 * The cursor the next page starts after: base64url of `[sort, order, key, id]`, so a cursor of
 * another sort is refused rather than read wrongly.
 * @example encodeCursor('S', 'desc', { key: 0.5, id }) // => 'WyJTIiwiZGVzYyIsMC41LC…'
 */
export function encodeCursor(sort: string, order: DrillOrder, cursor: DrillCursor): string {
  return Buffer.from(JSON.stringify([sort, order, cursor.key, cursor.id]), 'utf8').toString('base64url');
}

/** The page size and the cursor; 400 VALIDATION_FAILED naming `limit` or `cursor`. */
export function parsePage(query: { cursor?: string; limit?: string }, sort: string, order: DrillOrder): DrillPage {
  const limitText = given(query.limit);
  let limit = DEFAULT_LIMIT;
  if (limitText !== undefined) {
    if (!/^\d{1,3}$/.test(limitText) || Number(limitText) < 1 || Number(limitText) > DRILL_MAX_LIMIT) {
      refuse('VALIDATION_FAILED', 'limit', `"${limitText}" is not a whole number from 1 to ${DRILL_MAX_LIMIT}.`);
    }
    limit = Number(limitText);
  }
  const text = given(query.cursor);
  if (text === undefined) return { limit };
  let decoded: unknown;
  try {
    decoded = /^[A-Za-z0-9_-]{1,400}$/.test(text) ? JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) : undefined;
  } catch {
    decoded = undefined;
  }
  const valid =
    Array.isArray(decoded) &&
    decoded.length === 4 &&
    decoded[0] === sort &&
    decoded[1] === order &&
    (sort === 'submittedAt' ? typeof decoded[2] === 'string' && !Number.isNaN(Date.parse(decoded[2])) : typeof decoded[2] === 'number' && Number.isFinite(decoded[2])) &&
    typeof decoded[3] === 'string' &&
    isUuid(decoded[3]);
  if (!valid) refuse('VALIDATION_FAILED', 'cursor', 'is not a cursor of this listing (its sort and order); start again without it.');
  const [, , key, id] = decoded as [string, string, string | number, string];
  return { limit, cursor: { key, id } };
}

/** The report filter, the cell, the sort and the page of a respondents request. */
export function parseRespondentsQuery(query: RespondentsQuery): { filter: ReportFilter; cell: DrillCell; sort: DrillSort; order: DrillOrder; page: DrillPage } {
  const filter = parseReportFilter(query);
  const cell = parseCell(query);
  const { sort, order } = parseSort(query);
  return { filter, cell, sort, order, page: parsePage(query, sort, order) };
}
