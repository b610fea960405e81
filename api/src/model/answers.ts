/**
 * The one answer check, run by the API before it stores a response and by the respondent page before
 * it sends one (the same import on both sides). Pure: a definition and the submitted answers in, the
 * answers to store and every problem out, as codes with parameters that each side words in its
 * language. Nothing here imports the server or the browser.
 */
import type { Answers, Question, SurveyDefinition } from './definition.js';

export const ANSWER_PROBLEM_CODES = [
  'UNKNOWN_QUESTION',
  'REQUIRED',
  'NOT_A_WHOLE_NUMBER',
  'OUT_OF_RANGE',
  'NOT_AN_OPTION',
  'NOT_TEXT',
  'TOO_LONG',
  'INVALID_CHARACTERS',
  'HIDDEN_BY_SHOW_IF',
] as const;
export type AnswerProblemCode = (typeof ANSWER_PROBLEM_CODES)[number];

/**
 * One problem with one answer. Params by code: OUT_OF_RANGE and NOT_A_WHOLE_NUMBER `{ min, max }`,
 * NOT_AN_OPTION `{ options }` (comma-separated values), TOO_LONG `{ maxLength, length }`,
 * HIDDEN_BY_SHOW_IF `{ questionId, equals }`, the others none.
 */
export interface AnswerProblem {
  questionId: string;
  code: AnswerProblemCode;
  params: Record<string, string | number>;
}

/** A submitted answer: what the API's body schema lets through. Null and blank text mean unanswered. */
export type SubmittedAnswer = number | string | null;

/**
 * Text length as people count it: in code points (an emoji or a Georgian letter is one), not UTF-16 units.
 * @example textLength('😀ა') // => 2
 */
export function textLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}

/** NUL, a high surrogate not followed by a low one, or a low one not preceded by a high one. */
const INVALID_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Whether a text holds a character no text field may hold: NUL (PostgreSQL text and jsonb refuse it)
 * or half of a UTF-16 surrogate pair (not a character at all; not valid UTF-8 once stored).
 * @example hasInvalidCharacters('a\u0000b') // => true
 */
export function hasInvalidCharacters(text: string): boolean {
  return INVALID_CHARACTER.test(text);
}

/**
 * The questions shown for these answers, in definition order. A show-if points at an earlier question
 * (the definition check makes sure), so one pass suffices: a question whose condition's question is
 * itself hidden is hidden too.
 * @example shownQuestionIds(fullTemplate().questions, { had_problem: 'yes' }).has('problem_resolved') // => true
 */
export function shownQuestionIds(questions: readonly Question[], answers: Readonly<Record<string, unknown>>): Set<string> {
  const shown = new Set<string>();
  for (const question of questions) {
    const rule = question.showIf;
    if (!rule || (shown.has(rule.questionId) && answers[rule.questionId] === rule.equals)) shown.add(question.id);
  }
  return shown;
}

function problemWith(question: Question, value: number | string): Omit<AnswerProblem, 'questionId'> | null {
  switch (question.type) {
    case 'scale':
    case 'count': {
      const range = { min: question.min, max: question.max };
      if (typeof value !== 'number' || !Number.isInteger(value)) return { code: 'NOT_A_WHOLE_NUMBER', params: range };
      if (value < question.min || value > question.max) return { code: 'OUT_OF_RANGE', params: range };
      return null;
    }
    case 'choice':
      if (typeof value !== 'string' || !question.options.some((option) => option.value === value)) {
        return { code: 'NOT_AN_OPTION', params: { options: question.options.map((option) => option.value).join(', ') } };
      }
      return null;
    case 'text': {
      if (typeof value !== 'string') return { code: 'NOT_TEXT', params: {} };
      if (hasInvalidCharacters(value)) return { code: 'INVALID_CHARACTERS', params: {} };
      const length = textLength(value);
      if (length > question.maxLength) return { code: 'TOO_LONG', params: { maxLength: question.maxLength, length } };
      return null;
    }
  }
}

/**
 * Check submitted answers against a definition: every problem at once, so a respondent fixes them in
 * one go. Unanswered (null, or blank text) is left out of the answers. A question that is hidden by
 * its show-if must not be answered; a required question that is shown must be.
 *
 * @example
 * checkAnswers(shortTemplate(), { sat_overall: 5, recommend: 11 }).problems
 * // => [{ questionId: 'recommend', code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } }]
 */
export function checkAnswers(
  definition: Pick<SurveyDefinition, 'questions'>,
  submitted: Readonly<Record<string, SubmittedAnswer>>,
): { answers: Answers; problems: AnswerProblem[] } {
  const byId = new Map(definition.questions.map((question) => [question.id, question]));
  const problems: AnswerProblem[] = [];
  const answers: Answers = {};
  const refused = new Set<string>();

  for (const [questionId, value] of Object.entries(submitted)) {
    const question = byId.get(questionId);
    if (!question) {
      problems.push({ questionId, code: 'UNKNOWN_QUESTION', params: {} });
      continue;
    }
    if (value === null || (typeof value === 'string' && question.type === 'text' && value.trim() === '')) continue;
    const problem = problemWith(question, value);
    if (problem) {
      problems.push({ questionId, ...problem });
      refused.add(questionId);
    } else {
      answers[questionId] = value;
    }
  }

  const shown = shownQuestionIds(definition.questions, answers);
  // A question whose show-if hangs (at any depth) on a refused answer may or may not be shown: the
  // respondent fixes the refused answer first, so it is neither "hidden" nor "required" yet.
  const undecided = new Set<string>();
  for (const question of definition.questions) {
    const on = question.showIf?.questionId;
    if (on !== undefined && (refused.has(on) || undecided.has(on))) undecided.add(question.id);
  }
  for (const question of definition.questions) {
    if (undecided.has(question.id)) continue;
    // Own properties only: a question may be called `constructor` or `toString`.
    const answered = Object.hasOwn(answers, question.id);
    if (!shown.has(question.id) && answered) {
      const rule = question.showIf!;
      problems.push({ questionId: question.id, code: 'HIDDEN_BY_SHOW_IF', params: { questionId: rule.questionId, equals: rule.equals } });
    } else if (shown.has(question.id) && question.required && !answered && !refused.has(question.id)) {
      problems.push({ questionId: question.id, code: 'REQUIRED', params: {} });
    }
  }
  return { answers, problems };
}

/**
 * The problem in plain English, for the API's `message` beside the code (scripts read it; the
 * respondent page words the code in the respondent's language instead).
 * @example answerProblemMessage({ questionId: 'recommend', code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } })
 * // => 'must be from 0 to 10'
 */
export function answerProblemMessage(problem: AnswerProblem): string {
  const p = problem.params;
  switch (problem.code) {
    case 'UNKNOWN_QUESTION':
      return `this survey has no question "${problem.questionId}"`;
    case 'REQUIRED':
      return 'is required';
    case 'NOT_A_WHOLE_NUMBER':
      return `must be a whole number from ${p.min} to ${p.max}`;
    case 'OUT_OF_RANGE':
      return `must be from ${p.min} to ${p.max}`;
    case 'NOT_AN_OPTION':
      return `must be one of ${p.options}`;
    case 'NOT_TEXT':
      return 'must be text';
    case 'TOO_LONG':
      return `must be at most ${p.maxLength} characters, got ${p.length}`;
    case 'INVALID_CHARACTERS':
      return 'holds a NUL character or half of a surrogate pair; remove it';
    case 'HIDDEN_BY_SHOW_IF':
      return `is only asked when ${p.questionId} is ${p.equals}; leave it out`;
  }
}
