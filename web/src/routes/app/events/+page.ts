import { failLoad } from '$lib/api.js';
import { listChangeEvents, listSurveys } from '$lib/session.js';
import { requirePermission } from '../access.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { session } = await parent();
  requirePermission(session, 'reports:read');
  try {
    const [events, surveys] = await Promise.all([listChangeEvents(fetch), session.permissions.includes('surveys:read') ? listSurveys(fetch) : Promise.resolve([])]);
    return { events, surveys, canEdit: session.permissions.includes('surveys:write') };
  } catch (failure) {
    failLoad(failure);
  }
};
