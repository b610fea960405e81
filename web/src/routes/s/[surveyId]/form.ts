/**
 * The respondent form's rules, without the DOM: which questions show, which answers survive,
 * what is missing or out of range, and where a server field error belongs.
 */
import type { Answers, FieldError, Language, Question } from '$lib/api.js';
import { localize, type MessageKey } from '$lib/i18n.js';

/**
 * What to tell the respondent about one field: a UI string (rendered in whatever language is
 * chosen when it is shown, so switching language re-translates it) or the server's own words.
 */
export type FieldMessage = { key: MessageKey; params?: Record<string, number> } | { text: string };

export function isShown(question: Question, answers: Answers): boolean {
  return !question.showIf || answers[question.showIf.questionId] === question.showIf.equals;
}

/**
 * The answers without those to hidden questions. Repeats until nothing changes, so a question
 * that depends on a question that was just hidden goes too.
 */
export function withoutHiddenAnswers(questions: Question[], answers: Answers): Answers {
  let kept = answers;
  for (;;) {
    const next: Answers = {};
    for (const [id, value] of Object.entries(kept)) {
      const question = questions.find((q) => q.id === id);
      if (!question || isShown(question, kept)) next[id] = value;
    }
    if (Object.keys(next).length === Object.keys(kept).length) return next;
    kept = next;
  }
}

/** Per question id, what to fix; only shown questions are checked. */
export function validate(questions: Question[], answers: Answers): Record<string, FieldMessage> {
  const errors: Record<string, FieldMessage> = {};
  for (const question of questions) {
    if (!isShown(question, answers)) continue;
    const value = answers[question.id];
    if (value === undefined || (typeof value === 'string' && value.trim() === '')) {
      if (question.required) errors[question.id] = { key: 'errorRequired' };
      continue;
    }
    if (question.type === 'count' || question.type === 'scale') {
      const inRange = typeof value === 'number' && Number.isInteger(value) && value >= question.min && value <= question.max;
      if (!inRange) errors[question.id] = { key: 'errorWholeNumber', params: { min: question.min, max: question.max } };
    }
    if (question.type === 'text' && typeof value === 'string' && value.length > question.maxLength) {
      errors[question.id] = { key: 'errorTooLong', params: { max: question.maxLength } };
    }
  }
  return errors;
}

/** The question id a server field error points at (`/answers/recommend` → `recommend`), or null. */
export function questionIdFromPath(path: string): string | null {
  const match = /^\/answers\/([^/]+)$/.exec(path);
  return match?.[1] ? match[1].replaceAll('~1', '/').replaceAll('~0', '~') : null;
}

/**
 * Splits a 4xx's field errors into those shown beside a question and the rest (shown with the
 * form's message), e.g. `/language` or an answer to a question this page does not show.
 */
export function placeFieldErrors(
  questions: Question[],
  fields: FieldError[],
): { byQuestion: Record<string, FieldMessage>; elsewhere: string[] } {
  const byQuestion: Record<string, FieldMessage> = {};
  const elsewhere: string[] = [];
  for (const field of fields) {
    const id = questionIdFromPath(field.path);
    if (id !== null && questions.some((q) => q.id === id) && !byQuestion[id]) byQuestion[id] = { text: field.message };
    else elsewhere.push(field.message);
  }
  return { byQuestion, elsewhere };
}

/** The answers to send: blank texts are unanswered, not empty strings. */
export function answersToSubmit(questions: Question[], answers: Answers): Answers {
  const shown = withoutHiddenAnswers(questions, answers);
  return Object.fromEntries(Object.entries(shown).filter(([, value]) => typeof value !== 'string' || value.trim() !== ''));
}

/**
 * The options to show as a list of labelled radios: a choice's options, or a scale whose every
 * point has a label (a list reads better than a row of numbers there). Null for other questions.
 */
export function labelledOptions(
  question: Question,
  language: Language,
  companyName: string,
): { value: string | number; label: string }[] | null {
  if (question.type === 'choice') {
    return question.options.map((option) => ({ value: option.value, label: localize(option.label, language, companyName) }));
  }
  if (question.type === 'scale' && question.pointLabels) {
    return question.pointLabels.map((label, i) => ({ value: question.min + i, label: localize(label, language, companyName) }));
  }
  return null;
}
