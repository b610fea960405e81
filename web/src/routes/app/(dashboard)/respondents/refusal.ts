/** A URL parameter the drill-down's API refused, so the page can name it and offer the list without it. */
import { ApiError } from '$lib/api.js';

export interface RefusedParameter {
  code: string;
  /** The refused parameter, e.g. 'cursor' (from the error's `/query/cursor`); null when the API named none. */
  parameter: string | null;
}

/** A 400 for one of the URL's parameters (a filter, the cell, the sort, a stale cursor); null for any other failure. */
export function refusedParameter(failure: unknown): RefusedParameter | null {
  if (!(failure instanceof ApiError) || (failure.code !== 'INVALID_FILTER' && failure.code !== 'VALIDATION_FAILED')) return null;
  const path = failure.fields?.[0]?.path ?? '';
  return { code: failure.code, parameter: path.startsWith('/query/') ? path.slice('/query/'.length) : null };
}
