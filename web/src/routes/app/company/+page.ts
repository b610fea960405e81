import { error } from '@sveltejs/kit';
import { failLoad } from '$lib/api.js';
import { getCompany } from '$lib/session.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ fetch, parent }) => {
  const { session } = await parent();
  const mayRename = session.permissions.includes('company:manage');
  const mayErase = session.permissions.includes('customers:erase');
  if (!mayRename && !mayErase) error(403, { message: 'Your role does not allow this.', code: 'FORBIDDEN' });
  try {
    return { company: mayRename ? await getCompany(fetch) : null, mayErase };
  } catch (failure) {
    failLoad(failure);
  }
};
