import { failLoad } from '$lib/api.js';
import { listComments, type CommentPage } from '$lib/session.js';
import { commentsQuery } from '../respondents/drillUrl.js';
import { refusedParameter, type RefusedParameter } from '../respondents/refusal.js';
import type { PageLoad } from './$types';

/** One page of the free-text comments under the URL's filters (e.g. ?segment=defector), newest first. */
export const load: PageLoad = async ({ url, fetch, parent }) => {
  const { selectedId, filterProblem } = await parent();
  if (!selectedId || filterProblem) return { comments: null as CommentPage | null, refused: null as RefusedParameter | null };
  try {
    return { comments: await listComments(fetch, selectedId, commentsQuery(url)), refused: null };
  } catch (failure) {
    const refused = refusedParameter(failure);
    if (!refused) failLoad(failure);
    return { comments: null, refused };
  }
};
