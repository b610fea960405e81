/** The one load of both respondent routes: the survey, or the error page with the API's status and code. */
import { ApiError, failLoad, type SurveyForRespondent } from '$lib/api.js';

export async function loadRespondentSurvey(lookup: Promise<SurveyForRespondent>): Promise<{ survey: SurveyForRespondent }> {
  try {
    return { survey: await lookup };
  } catch (failure) {
    // A malformed slug or token (400) is, to the respondent, the same broken link as an unknown one (404).
    if (failure instanceof ApiError && failure.status === 400) failLoad(new ApiError(404, failure.code, failure.message));
    failLoad(failure);
  }
}
