/**
 * A blank survey for the builder to fill in: one 1–5 satisfaction question and every text empty, in
 * all four languages. It passes the definition's structural check (a draft may be saved) and lists
 * its empty texts as MISSING_TEXT problems, so it cannot be published until they are written.
 */
import { DEFAULT_THRESHOLDS, type LocalText, type SurveyDefinition } from './definition.js';

const empty = (): LocalText => ({ en: '', ru: '', et: '', ka: '' });

/** @example checkDefinition(blankDefinition()).every((problem) => problem.code === 'MISSING_TEXT') // => true */
export function blankDefinition(): SurveyDefinition {
  return {
    title: empty(),
    intro: empty(),
    thankYou: empty(),
    questions: [
      { id: 'q1', type: 'scale', construct: 'satisfaction', text: empty(), required: false, min: 1, max: 5, minLabel: empty(), maxLabel: empty() },
    ],
    thresholds: { ...DEFAULT_THRESHOLDS },
  };
}
