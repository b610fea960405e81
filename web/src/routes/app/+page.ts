import { failLoad, getSummary, listSurveys } from '$lib/api.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, fetch }) => {
  const requested = url.searchParams.get('survey');
  try {
    // With ?survey= both requests go out together; without it the summary waits for the first survey's id.
    const [surveys, requestedSummary] = await Promise.all([listSurveys(fetch), requested ? getSummary(fetch, requested) : null]);
    const selectedId = requested ?? surveys[0]?.id ?? null;
    const summary = requestedSummary ?? (selectedId ? await getSummary(fetch, selectedId) : null);
    return { surveys, selectedId, summary };
  } catch (failure) {
    failLoad(failure);
  }
};
