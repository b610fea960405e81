import { failLoad } from '$lib/api.js';
import { getBranding } from '$lib/session.js';
import { requirePermission } from '../access.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePermission((await parent()).session, 'surveys:write');
  try {
    return { branding: await getBranding(fetch) };
  } catch (failure) {
    failLoad(failure);
  }
};
