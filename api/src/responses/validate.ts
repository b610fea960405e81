/**
 * Checks submitted answers against the survey definition and returns the answers to store.
 * Every problem is reported per field (`/answers/<questionId>`), all at once, so a respondent
 * can fix them in one go; nothing is stored unless every answer fits.
 */
import { ApiError, type FieldProblem } from '../errors.js';
import type { Answers, Question, SurveyDefinition } from '../surveys/definition.js';

export type SubmittedAnswers = Record<string, number | string | null>;

function problemWith(question: Question, value: number | string): string | null {
  switch (question.type) {
    case 'scale':
    case 'count':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return `must be a whole number from ${question.min} to ${question.max}, got ${JSON.stringify(value)}`;
      }
      if (value < question.min || value > question.max) {
        return `must be from ${question.min} to ${question.max}, got ${value}`;
      }
      return null;
    case 'choice': {
      const allowed = question.options.map((option) => option.value);
      if (typeof value !== 'string' || !allowed.includes(value)) {
        return `must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`;
      }
      return null;
    }
    case 'text':
      if (typeof value !== 'string') return `must be text, got ${JSON.stringify(value)}`;
      if ([...value].length > question.maxLength) {
        return `must be at most ${question.maxLength} characters, got ${[...value].length}`;
      }
      return null;
  }
}

/**
 * @example validateAnswers(definition, { sat_overall: 5, recommend: 9 }) // → { sat_overall: 5, recommend: 9 }
 * @throws ApiError INVALID_ANSWERS with one field problem per bad answer
 */
export function validateAnswers(definition: SurveyDefinition, submitted: SubmittedAnswers): Answers {
  const byId = new Map(definition.questions.map((question) => [question.id, question]));
  const problems: FieldProblem[] = [];
  const answers: Answers = {};

  for (const [questionId, value] of Object.entries(submitted)) {
    const question = byId.get(questionId);
    if (!question) {
      problems.push({ path: `/answers/${questionId}`, message: `this survey has no question "${questionId}"` });
      continue;
    }
    if (value === null || (typeof value === 'string' && question.type === 'text' && value.trim() === '')) continue;
    const problem = problemWith(question, value);
    if (problem) problems.push({ path: `/answers/${questionId}`, message: problem });
    else answers[questionId] = value;
  }

  for (const question of definition.questions) {
    const shown = !question.showIf || answers[question.showIf.questionId] === question.showIf.equals;
    const answered = answers[question.id] !== undefined;
    if (!shown && answered) {
      problems.push({
        path: `/answers/${question.id}`,
        message: `is only asked when ${question.showIf?.questionId} is ${String(question.showIf?.equals)}; leave it out`,
      });
    } else if (shown && question.required && !answered && !problems.some((p) => p.path === `/answers/${question.id}`)) {
      problems.push({ path: `/answers/${question.id}`, message: 'is required' });
    }
  }

  if (problems.length > 0) {
    const first = problems[0]!;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
    throw new ApiError('INVALID_ANSWERS', `Answer ${first.path.slice('/answers/'.length)} ${first.message}${more}.`, problems);
  }
  return answers;
}
