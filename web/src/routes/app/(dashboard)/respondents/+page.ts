import { failLoad } from '$lib/api.js';
import { listRespondents, type RespondentPage } from '$lib/session.js';
import { respondentsQuery } from './drillUrl.js';
import { refusedParameter, type RefusedParameter } from './refusal.js';
import type { PageLoad } from './$types';

/** One page of the respondents behind the URL's report cell, under its filters, sorted as it asks. */
export const load: PageLoad = async ({ url, fetch, parent }) => {
  const { selectedId, filterProblem } = await parent();
  if (!selectedId || filterProblem) return { respondents: null as RespondentPage | null, refused: null as RefusedParameter | null };
  try {
    return { respondents: await listRespondents(fetch, selectedId, respondentsQuery(url)), refused: null };
  } catch (failure) {
    const refused = refusedParameter(failure);
    if (!refused) failLoad(failure);
    return { respondents: null, refused };
  }
};
