import { ApiError, failLoad, getSurvey } from '$lib/api.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
  try {
    return { survey: await getSurvey(fetch, params.surveyId) };
  } catch (failure) {
    // A malformed id (400) is, to the respondent, the same broken link as an unknown one (404).
    if (failure instanceof ApiError && failure.status === 400) failLoad(new ApiError(404, failure.code, failure.message));
    failLoad(failure);
  }
};
