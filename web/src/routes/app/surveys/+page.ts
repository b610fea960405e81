import { failLoad } from '$lib/api.js';
import { listSurveys } from '$lib/session.js';
import { requirePermission } from '../access.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePermission((await parent()).session, 'surveys:write');
  try {
    return { surveys: await listSurveys(fetch) };
  } catch (failure) {
    failLoad(failure);
  }
};
