/**
 * The question texts of the survey's published version, for the tabs that name questions (data
 * quality, loyalist expectations): the report names a question by its id only.
 */
import type { LocalText } from '../../../../api/src/model/definition.js';
import { failLoad, type SurveyListItem } from '$lib/api.js';
import { localize, type Language } from '$lib/i18n.js';
import { getVersion } from '$lib/session.js';
import { predictorLabel } from './report.js';

export interface QuestionTexts {
  companyName: string;
  texts: Record<string, LocalText>;
}

type Fetch = typeof fetch;

/** The published version's texts by question id; none for a survey not yet published. */
export async function loadQuestionTexts(fetchFn: Fetch, survey: SurveyListItem | undefined): Promise<QuestionTexts> {
  if (!survey || survey.publishedVersion === null) return { companyName: survey?.companyName ?? '', texts: {} };
  try {
    const version = await getVersion(fetchFn, survey.id, survey.publishedVersion);
    return { companyName: survey.companyName, texts: Object.fromEntries(version.definition.questions.map((question) => [question.id, question.text])) };
  } catch (failure) {
    failLoad(failure);
  }
}

/** A question as the page names it: its text in `language`, else a known short name, else its id. */
export function questionLabel(questions: QuestionTexts, id: string, language: Language): string {
  const text = questions.texts[id];
  return text ? localize(text, language, questions.companyName) : predictorLabel(id, language);
}
