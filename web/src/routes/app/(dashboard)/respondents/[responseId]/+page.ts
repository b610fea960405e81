import { error } from '@sveltejs/kit';
import { ApiError, failLoad } from '$lib/api.js';
import { getRespondent, getVersion, type RespondentDetail, type SurveyVersion } from '$lib/session.js';
import type { PageLoad } from './$types';

/**
 * One respondent of the chosen survey, and the version they answered (for its option and scale
 * labels). Another company's respondent, another survey's, or an id that is none → 404 "not found".
 */
export const load: PageLoad = async ({ params, fetch, parent }) => {
  const { selectedId } = await parent();
  if (!selectedId) error(404, { message: 'Respondent not found.', code: 'RESPONDENT_NOT_FOUND' });
  let respondent: RespondentDetail;
  try {
    respondent = await getRespondent(fetch, selectedId, params.responseId);
  } catch (failure) {
    const unknownId = failure instanceof ApiError && (failure.code === 'RESPONDENT_NOT_FOUND' || failure.code === 'VALIDATION_FAILED');
    if (unknownId) error(404, { message: 'Respondent not found.', code: 'RESPONDENT_NOT_FOUND' });
    failLoad(failure);
  }
  let version: SurveyVersion | null = null;
  if (respondent.version !== null) {
    try {
      version = await getVersion(fetch, selectedId, respondent.version);
    } catch (failure) {
      failLoad(failure);
    }
  }
  return { respondent, version };
};
