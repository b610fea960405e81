import { ApiError, NetworkError } from '$lib/api.js';
import { listSurveys } from '$lib/session.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch }) => {
  try {
    const surveys = await listSurveys(fetch);
    return { demoSurveyId: (surveys.find((survey) => survey.status === 'published') ?? surveys[0])?.id ?? null };
  } catch (failure) {
    // The landing page still links to the dashboard, which explains an unreachable API itself.
    if (failure instanceof ApiError || failure instanceof NetworkError) return { demoSurveyId: null };
    throw failure;
  }
};
