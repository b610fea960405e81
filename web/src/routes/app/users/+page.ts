import { failLoad } from '$lib/api.js';
import { listMembers } from '$lib/session.js';
import { requirePermission } from '../access.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePermission((await parent()).session, 'users:manage');
  try {
    return { members: await listMembers(fetch) };
  } catch (failure) {
    failLoad(failure);
  }
};
