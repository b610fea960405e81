import { failLoad } from '$lib/api.js';
import { listPurchaseImports } from '$lib/session.js';
import { requirePermission } from '../access.js';
import type { PageLoad } from './$types';

export const _HISTORY_SIZE = 20;

export const load: PageLoad = async ({ fetch, parent }) => {
  requirePermission((await parent()).session, 'purchases:write');
  try {
    return { history: await listPurchaseImports(fetch, _HISTORY_SIZE) };
  } catch (failure) {
    failLoad(failure);
  }
};
