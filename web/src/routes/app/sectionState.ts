/** Why a dashboard card has nothing to show: no responses under the filters yet, or a part the survey does not ask. */
import type { SegmentReport } from '$lib/api.js';
import type { Language } from './messages.js';
import { s } from './sectionMessages.js';

/**
 * The card's empty text, or null when it has something to show. With no responses every part is
 * empty, and "not asked" would be untrue: the card says that responses are missing instead.
 * @example emptyReason(report, asked, t(language, 'notAsked'), language) // => null, or 'There are no responses …'
 */
export function emptyReason(report: Pick<SegmentReport, 'n'>, asked: boolean, notAsked: string, language: Language): string | null {
  if (report.n === 0) return s(language, 'noResponsesYet');
  return asked ? null : notAsked;
}
