/**
 * The dashboard's state in its URL, so a view is shareable, the back button works and a reload keeps
 * it: `survey`, the report filters (docs/API.md "Report filters"), `event` and `period`, and `lang`
 * (the page's language; `language` is the filter on the respondents' language). Every dashboard page
 * and every link between them goes through here.
 */
import type { QueryParameters } from '$lib/session.js';

/** The report filters, in the order the filter bar shows them. */
export const FILTER_KEYS = ['from', 'to', 'version', 'language', 'segment', 'channel', 'source'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
/** Report options that are not filters: the change event compared around and the trend's period. */
export const REPORT_OPTION_KEYS = ['event', 'period'] as const;
/** Parameters every dashboard link carries over. */
export const KEPT_KEYS = ['survey', 'lang', ...FILTER_KEYS, ...REPORT_OPTION_KEYS] as const;
export type KeptKey = (typeof KEPT_KEYS)[number];

export type DashboardFilter = Partial<Record<FilterKey, string>>;

/** The filters set in the URL (empty ones left out). */
export function filterFromUrl(url: URL): DashboardFilter {
  const filter: DashboardFilter = {};
  for (const key of FILTER_KEYS) {
    const value = url.searchParams.get(key);
    if (value) filter[key] = value;
  }
  return filter;
}

/** What the report route takes from this URL: the filters, `event` and `period`. */
export function reportParameters(url: URL): QueryParameters {
  const parameters: Record<string, string> = { ...filterFromUrl(url) };
  for (const key of REPORT_OPTION_KEYS) {
    const value = url.searchParams.get(key);
    if (value) parameters[key] = value;
  }
  return parameters;
}

/** True when any filter is set (the page then says so and offers to clear them). */
export function hasFilter(url: URL): boolean {
  return FILTER_KEYS.some((key) => Boolean(url.searchParams.get(key)));
}

/**
 * A link to a dashboard page keeping the survey, the language, the filters and the report options of
 * `url`, with `changes` applied (null or '' removes a parameter). Extra keys (e.g. drill-down cell
 * parameters like `loyaltyType`) are set as given.
 *
 * @example dashboardHref('/app/respondents', page.url, { segment: 'loyal' }) // => '/app/respondents?survey=…&segment=loyal'
 */
export function dashboardHref(path: string, url: URL, changes: Readonly<Record<string, string | number | null | undefined>> = {}): string {
  const search = new URLSearchParams();
  for (const key of KEPT_KEYS) {
    const value = url.searchParams.get(key);
    if (value) search.set(key, value);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null || value === undefined || value === '') search.delete(key);
    else search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}
