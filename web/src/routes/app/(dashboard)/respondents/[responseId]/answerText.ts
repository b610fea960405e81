/**
 * A respondent's answer in words of the page language: a choice by its option's label, a scale
 * point with its range (and its label, where the version names it), a count as a number. Free text
 * stays as the respondent wrote it.
 */
import { formatNumber, type Language } from '$lib/i18n.js';
import type { Question } from '$lib/api.js';
import { t } from '../messages.js';

/** Given answers by question id: a follow-up whose condition did not hold was never asked, not skipped. */
export type GivenAnswers = ReadonlyMap<string, string | number | null>;

export function answerText(language: Language, question: Question | undefined, answer: string | number | null, companyName: string, given: GivenAnswers): string {
  if (answer === null) return question?.showIf && given.get(question.showIf.questionId) !== question.showIf.equals ? t(language, 'notAsked') : t(language, 'notAnswered');
  const local = (text: Record<Language, string>) => text[language].replaceAll('{company}', companyName);
  if (question?.type === 'choice' && typeof answer === 'string') {
    const option = question.options.find((candidate) => candidate.value === answer);
    return option ? local(option.label) : answer;
  }
  if (question?.type === 'scale' && typeof answer === 'number') {
    const range = t(language, 'scaleAnswer', { value: answer, min: question.min, max: question.max });
    const point = question.pointLabels?.[answer - question.min];
    const label = point ?? (answer === question.min ? question.minLabel : answer === question.max ? question.maxLabel : undefined);
    return label ? `${range} (${local(label)})` : range;
  }
  return typeof answer === 'number' ? formatNumber(language, answer) : answer;
}
