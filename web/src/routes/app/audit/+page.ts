import { failLoad } from '$lib/api.js';
import { listAudit } from '$lib/session.js';
import { requirePermission } from '../access.js';
import { apiFilter, readFilter } from './filter.js';
import { ACTION_LIST } from './messages.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent, url }) => {
  requirePermission((await parent()).session, 'audit:read');
  const filter = readFilter(url.searchParams, ACTION_LIST);
  const backwards = filter.from !== '' && filter.to !== '' && filter.from > filter.to;
  try {
    const auditPage = backwards ? { entries: [], nextCursor: null } : await listAudit(fetch, apiFilter(filter, url.searchParams.get('cursor')));
    return { filter, backwards, auditPage, paged: url.searchParams.has('cursor') };
  } catch (failure) {
    failLoad(failure);
  }
};
