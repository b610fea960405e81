import { failLoad } from '$lib/api.js';
import { listApiKeys } from '$lib/session.js';
import { requirePermission } from '../access.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePermission((await parent()).session, 'apiKeys:manage');
  try {
    return { apiKeys: await listApiKeys(fetch) };
  } catch (failure) {
    failLoad(failure);
  }
};
