import { failLoad } from '$lib/api.js';
import { getBuilder } from '$lib/session.js';
import { requirePermission } from '../../access.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, params }) => {
  requirePermission((await parent()).session, 'surveys:write');
  try {
    return { survey: await getBuilder(fetch, params.id) };
  } catch (failure) {
    failLoad(failure);
  }
};
