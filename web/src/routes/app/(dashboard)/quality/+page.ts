import { loadQuestionTexts } from '../../questionTexts.js';
import type { PageLoad } from './$types';

/** The question texts of the published version: the report names questions by id. */
export const load: PageLoad = async ({ fetch, parent }) => {
  const { surveys, selectedId } = await parent();
  return { questions: await loadQuestionTexts(fetch, surveys.find((survey) => survey.id === selectedId)) };
};
