import { getSurveyByLink } from '$lib/api.js';
import { loadRespondentSurvey } from '../load.js';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, fetch }) => loadRespondentSurvey(getSurveyByLink(fetch, params.slug));
