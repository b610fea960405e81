import { redirect } from '@sveltejs/kit';
import { failLoad } from '$lib/api.js';
import { getSession, isSessionEnded } from '$lib/session.js';
import { signInHref } from '$lib/account/next.js';
import type { LayoutLoad } from './$types';

/** Every /app page needs a session: without one, sign in and come back here. */
export const load: LayoutLoad = async ({ fetch, url }) => {
  try {
    return { session: await getSession(fetch) };
  } catch (failure) {
    // `url` is read only here, so moving between /app pages does not fetch the session again.
    if (isSessionEnded(failure)) redirect(307, signInHref(`${url.pathname}${url.search}`));
    failLoad(failure);
  }
};
