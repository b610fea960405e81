import { failLoad } from '$lib/api.js';
import { getReport, getSummary, listSurveys } from '$lib/session.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ url, fetch, parent }) => {
  // The layout's session first: its company and token go with these calls.
  await parent();
  const requested = url.searchParams.get('survey');
  const surveyParts = (surveyId: string) => Promise.all([getSummary(fetch, surveyId), getReport(fetch, surveyId)]);
  try {
    // With ?survey= all three requests go out together; without it summary and report wait for the first survey's id.
    const [surveys, requestedParts] = await Promise.all([listSurveys(fetch), requested ? surveyParts(requested) : null]);
    const selectedId = requested ?? surveys[0]?.id ?? null;
    const [summary, report] = requestedParts ?? (selectedId ? await surveyParts(selectedId) : [null, null]);
    return { surveys, selectedId, summary, report };
  } catch (failure) {
    failLoad(failure);
  }
};
