import { getSurveyByInvite } from '$lib/api.js';
import { loadRespondentSurvey } from '../../load.js';
import { startedVersion } from '../../draft.js';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ params, fetch, url }) => loadRespondentSurvey(getSurveyByInvite(fetch, params.token, startedVersion(url.pathname)));
