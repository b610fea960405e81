/** What the input, fuzz and load-isolation tests share: valid answers and a survey with a text question. */
import { QUESTIONS, shortTemplate } from '../api/src/model/template.js';
import type { SurveyDefinition } from '../api/src/model/definition.js';

export const validShort = { sat_overall: 4, recommend: 9, repurchase: 5, stay_vs_competitor: 3, promo_decided: 'no', full_price_return: 4 };

/** The short form plus the open comment, so there is a text answer to spoil. */
export function shortWithComment(): SurveyDefinition {
  const definition = shortTemplate();
  return { ...definition, questions: [...definition.questions, structuredClone(QUESTIONS.comment!)] };
}
