/**
 * The respondent form's rules, without the DOM: which questions show, which answers survive, what
 * to fix before sending, and where a server field error belongs. What an answer may be is the
 * model's answer check (model/answers.ts), the very function the API runs on the same answers.
 */
import { checkAnswers, shownQuestionIds, type AnswerProblem } from '../../../../api/src/model/answers.js';
import type { Answers, FieldError, Language, Question, SurveyDefinition } from '$lib/api.js';
import { answerProblemText, isAnswerProblemCode, localize, t, type MessageKey } from '$lib/i18n.js';

/** Re-exported so a test can tell that this page checks answers with the API's own function. */
export { checkAnswers, shownQuestionIds };

/**
 * What to tell the respondent about one field or the form: a UI string or an answer problem (both
 * worded in whatever language is chosen when shown, so switching language re-translates them), or
 * the server's own words where the server gave no code.
 */
export type FieldMessage =
  | { key: MessageKey; params?: Record<string, number> }
  | { problem: Pick<AnswerProblem, 'code' | 'params'> }
  | { text: string };

/** A message in `language`. */
export function say(language: Language, message: FieldMessage): string {
  if ('text' in message) return message.text;
  if ('problem' in message) return answerProblemText(language, message.problem);
  return t(language, message.key, message.params);
}

/** The answers without those to hidden questions or to questions this version does not have. */
export function withoutHiddenAnswers(questions: readonly Question[], answers: Answers): Answers {
  const shown = shownQuestionIds(questions, answers);
  return Object.fromEntries(Object.entries(answers).filter(([id]) => shown.has(id)));
}

/** The answers to send: only shown questions', and blank texts as unanswered rather than empty strings. */
export function answersToSubmit(questions: readonly Question[], answers: Answers): Answers {
  const shown = withoutHiddenAnswers(questions, answers);
  return Object.fromEntries(Object.entries(shown).filter(([, value]) => typeof value !== 'string' || value.trim() !== ''));
}

/**
 * Per question id, what to fix before sending (the first problem of each), from the model's answer
 * check over exactly what would be sent.
 */
export function answerProblems(definition: Pick<SurveyDefinition, 'questions'>, answers: Answers): Record<string, FieldMessage> {
  const messages: Record<string, FieldMessage> = {};
  for (const { questionId, code, params } of checkAnswers(definition, answersToSubmit(definition.questions, answers)).problems) {
    messages[questionId] ??= { problem: { code, params } };
  }
  return messages;
}

/** Only the messages of the questions in `ids` (the screen shown): Next checks that screen alone. */
export function messagesFor(messages: Record<string, FieldMessage>, ids: ReadonlySet<string>): Record<string, FieldMessage> {
  return Object.fromEntries(Object.entries(messages).filter(([id]) => ids.has(id)));
}

/** The indexes of the screens that have a question to show (a screen of show-if questions all hidden is skipped). */
export function visibleSteps(steps: readonly { questions: readonly Question[] }[], shown: ReadonlySet<string>): number[] {
  return steps.flatMap((step, index) => (step.questions.some((question) => shown.has(question.id)) ? [index] : []));
}

/** The question id a server field error points at (`/answers/recommend` → `recommend`), or null. */
export function questionIdFromPath(path: string): string | null {
  const match = /^\/answers\/([^/]+)$/.exec(path);
  return match?.[1] ? match[1].replaceAll('~1', '/').replaceAll('~0', '~') : null;
}

/** A server field error as a message: its code worded here when it is an answer problem, else its English text. */
function fieldMessage(field: FieldError): FieldMessage {
  if (!isAnswerProblemCode(field.code)) return { text: field.message };
  const params = typeof field.params === 'object' && field.params !== null ? field.params : {};
  return { problem: { code: field.code, params } };
}

/**
 * Splits a 4xx into the field errors shown beside a shown question and the form's message: a
 * summary in the page's language when the fields carry codes (the server's English sentence only
 * when none does), then every field error that has no shown question to sit beside (e.g. `/language`,
 * or an answer to a question this page does not show).
 */
export function placeFieldErrors(
  questions: readonly Question[],
  shown: ReadonlySet<string>,
  failure: { message: string; fields: FieldError[] },
): { byQuestion: Record<string, FieldMessage>; formMessage: FieldMessage[] } {
  const byQuestion: Record<string, FieldMessage> = {};
  const elsewhere: FieldMessage[] = [];
  for (const field of failure.fields) {
    const id = questionIdFromPath(field.path);
    if (id !== null && shown.has(id) && questions.some((q) => q.id === id)) byQuestion[id] ??= fieldMessage(field);
    else elsewhere.push(fieldMessage(field));
  }
  const coded = failure.fields.length > 0 && failure.fields.every((field) => isAnswerProblemCode(field.code));
  return { byQuestion, formMessage: [coded ? { key: 'errorSummary' } : { text: failure.message }, ...elsewhere] };
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
