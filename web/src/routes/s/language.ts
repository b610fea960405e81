/**
 * The language a respondent page opens in: `?lang=` when the survey offers it, then the invite's
 * language (the customer's, from the order), then the browser's, else the survey's first language.
 */
import { LANGUAGES, isLanguage, type Language } from '$lib/i18n.js';
import type { SurveyForRespondent } from '$lib/api.js';

/** The survey's languages (all four when the definition names none), or all four before it has loaded. */
export function offeredLanguages(survey: Pick<SurveyForRespondent, 'definition'> | null): readonly Language[] {
  return survey?.definition.languages ?? LANGUAGES;
}

/**
 * @example respondentLanguage(null, { definition, invite: { token, language: 'et' } }, ['ru-RU']) // => 'et'
 */
export function respondentLanguage(
  requested: string | null,
  survey: Pick<SurveyForRespondent, 'definition' | 'invite'> | null,
  browserLanguages: readonly string[],
): Language {
  const offered = offeredLanguages(survey);
  const candidates = [requested, survey?.invite?.language ?? null, ...browserLanguages.map((tag) => tag.toLowerCase().split('-')[0] ?? null)];
  for (const candidate of candidates) if (isLanguage(candidate) && offered.includes(candidate)) return candidate;
  return offered[0] ?? 'en';
}
