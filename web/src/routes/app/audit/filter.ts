/**
 * The audit page's filter as it sits in the address (`?action=&from=&to=&cursor=`, dates as the
 * date inputs give them) and as the API takes it (ISO timestamps: from the start of `from` to the
 * end of `to`, in the browser's time zone).
 */
import type { AuditAction } from '$lib/api.js';
import type { AuditFilter } from '$lib/session.js';

export interface AuditFilterForm {
  action: AuditAction | '';
  /** YYYY-MM-DD or ''. */
  from: string;
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The form's values from the address; anything malformed is left empty rather than sent. */
export function readFilter(search: URLSearchParams, actions: readonly AuditAction[]): AuditFilterForm {
  const action = search.get('action') ?? '';
  const date = (name: string) => {
    const value = search.get(name) ?? '';
    return DATE.test(value) && !Number.isNaN(new Date(`${value}T00:00:00`).getTime()) ? value : '';
  };
  return { action: (actions as readonly string[]).includes(action) ? (action as AuditAction) : '', from: date('from'), to: date('to') };
}

/**
 * The API query for a form and a page cursor; `to` includes the whole day.
 * @example apiFilter({ action: '', from: '2026-11-01', to: '2026-11-30' }, null) // from 2026-11-01 00:00 to 2026-12-01 00:00 local time
 */
export function apiFilter(form: AuditFilterForm, cursor: string | null, limit = 50): AuditFilter {
  const filter: AuditFilter = { limit };
  if (form.action) filter.action = form.action;
  if (form.from) filter.from = new Date(`${form.from}T00:00:00`).toISOString();
  if (form.to) {
    const end = new Date(`${form.to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    filter.to = end.toISOString();
  }
  if (cursor) filter.cursor = cursor;
  return filter;
}

/** The address of the same filter at another page (`cursor` null: the newest entries). */
export function pageHref(pathname: string, search: URLSearchParams, cursor: string | null): string {
  const next = new URLSearchParams(search);
  if (cursor) next.set('cursor', cursor);
  else next.delete('cursor');
  const query = next.toString();
  return query ? `${pathname}?${query}` : pathname;
}
