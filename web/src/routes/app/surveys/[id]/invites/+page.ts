import { failLoad } from '$lib/api.js';
import { getBuilder, listInvites } from '$lib/session.js';
import { requirePermission } from '../../../access.js';
import type { PageLoad } from './$types';

export const _PAGE_SIZE = 50;

export const load: PageLoad = async ({ fetch, parent, params, url }) => {
  requirePermission((await parent()).session, 'surveys:write');
  const offset = Math.max(0, Number.parseInt(url.searchParams.get('offset') ?? '0', 10) || 0);
  try {
    const [survey, invites] = await Promise.all([getBuilder(fetch, params.id), listInvites(fetch, params.id, offset, _PAGE_SIZE)]);
    return { survey, invites, offset };
  } catch (failure) {
    failLoad(failure);
  }
};
