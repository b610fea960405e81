/**
 * The drill-down's state in its URL, on top of the dashboard's (dashboardUrl.ts): the report cell
 * (`loyaltyType`, `satisfactionLevel`, `recoveryGroup`; the segment and the period are filters
 * already), the sort (`sort`, `order`) and the page (`cursor`, and `previous`: the cursors of the
 * pages before it, so "previous page" needs no request and the back link returns to the same rows).
 */
import type { QueryParameters } from '$lib/session.js';
import { dashboardHref, filterFromUrl, hasFilter } from '../../dashboardUrl.js';

export const CELL_KEYS = ['loyaltyType', 'satisfactionLevel', 'recoveryGroup'] as const;
export type CellKey = (typeof CELL_KEYS)[number];
export const SORT_KEYS = ['submittedAt', 'S', 'E', 'B'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortOrder = 'asc' | 'desc';
/** Parameters of the respondents list that a respondent's page carries, so its back link returns to the same rows. */
export const DRILL_KEYS = [...CELL_KEYS, 'sort', 'order', 'cursor', 'previous'] as const;
/** Rows per page: a phone screen of cards is scrolled through in a few swipes. */
export const PAGE_SIZE = 25;
/** Cursors are base64url, which never contains a dot. */
const TRAIL_SEPARATOR = '.';

type Changes = Readonly<Record<string, string | number | null | undefined>>;

/** The drill-down parameters of `url` that have a value. */
function drillParameters(url: URL): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const key of DRILL_KEYS) {
    const value = url.searchParams.get(key);
    if (value) kept[key] = value;
  }
  return kept;
}

/**
 * A link keeping the dashboard's parameters and the drill-down's (cell, sort, page), with `changes` applied.
 * @example drillHref(`/app/respondents/${id}`, page.url) // the respondent, remembering the list's page
 */
export function drillHref(path: string, url: URL, changes: Changes = {}): string {
  return dashboardHref(path, url, { ...drillParameters(url), ...changes });
}

/** The list's sort as the URL asks for it (the API's defaults when absent or unknown). */
export function sortFromUrl(url: URL): { sort: SortKey; order: SortOrder } {
  const sort = url.searchParams.get('sort');
  const order = url.searchParams.get('order');
  return { sort: (SORT_KEYS as readonly string[]).includes(sort ?? '') ? (sort as SortKey) : 'submittedAt', order: order === 'asc' ? 'asc' : 'desc' };
}

/** The same list sorted otherwise, from its first page. */
export function sortHref(url: URL, sort: SortKey, order: SortOrder): string {
  return drillHref(url.pathname, url, { sort: sort === 'submittedAt' ? null : sort, order: order === 'desc' ? null : order, cursor: null, previous: null });
}

/** The cursors of the pages before this one, oldest first ('' stands for the first page, which has none). */
function trail(url: URL): string[] {
  const previous = url.searchParams.get('previous');
  return previous ? previous.split(TRAIL_SEPARATOR) : [];
}

/** Which page this is, counting from 1. */
export function pageNumber(url: URL): number {
  return url.searchParams.get('cursor') ? trail(url).length + 2 : 1;
}

/** The next page's link, remembering this page's cursor for "previous". */
export function nextPageHref(url: URL, nextCursor: string): string {
  const current = url.searchParams.get('cursor');
  const previous = current ? [...trail(url), current] : [];
  return drillHref(url.pathname, url, { cursor: nextCursor, previous: previous.join(TRAIL_SEPARATOR) });
}

/** The previous page's link; null on the first page. */
export function previousPageHref(url: URL): string | null {
  if (!url.searchParams.get('cursor')) return null;
  const earlier = trail(url);
  return drillHref(url.pathname, url, { cursor: earlier.at(-1) ?? null, previous: earlier.slice(0, -1).join(TRAIL_SEPARATOR) });
}

/** The first page's link; null on the first page. */
export function firstPageHref(url: URL): string | null {
  return url.searchParams.get('cursor') ? drillHref(url.pathname, url, { cursor: null, previous: null }) : null;
}

/** What GET …/respondents takes from this URL: the filters, the cell, the sort and the page. */
export function respondentsQuery(url: URL): QueryParameters {
  const query: Record<string, string | number> = { ...filterFromUrl(url), limit: PAGE_SIZE };
  for (const key of [...CELL_KEYS, 'sort', 'order', 'cursor'] as const) {
    const value = url.searchParams.get(key);
    if (value) query[key] = value;
  }
  return query;
}

/** What GET …/comments takes from this URL: the filters and the page. */
export function commentsQuery(url: URL): QueryParameters {
  const query: Record<string, string | number> = { ...filterFromUrl(url), limit: PAGE_SIZE };
  const cursor = url.searchParams.get('cursor');
  if (cursor) query.cursor = cursor;
  return query;
}

/** Why a page of the list is empty: past its last row, nobody under the filters or the cell, or nobody at all. */
export function emptyReason(url: URL): 'pastTheEnd' | 'filtered' | 'nobody' {
  if (url.searchParams.get('cursor')) return 'pastTheEnd';
  return hasFilter(url) || CELL_KEYS.some((key) => Boolean(url.searchParams.get(key))) ? 'filtered' : 'nobody';
}
