import { ApiError, failLoad } from '$lib/api.js';
import { getLink } from '$lib/session.js';
import type { PageLoad } from './$types';

export const load: PageLoad = async ({ params, fetch }) => {
  try {
    return { link: await getLink(fetch, params.token) };
  } catch (failure) {
    // Used, expired or unknown: the page says so and who to ask, rather than an error page.
    if (failure instanceof ApiError && failure.code === 'LINK_INVALID') return { link: null };
    failLoad(failure);
  }
};
