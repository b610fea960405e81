/**
 * Checks submitted answers with the model's answer check (model/answers.ts, the same function the
 * respondent page runs) and turns its problems into the API's field errors: one per bad answer
 * (`/answers/<questionId>`), all at once, each with the problem's code and parameters beside an
 * English message. Nothing is stored unless every answer fits.
 */
import { ApiError, type FieldProblem } from '../errors.js';
import { answerProblemMessage, checkAnswers, type SubmittedAnswer } from '../model/answers.js';
import type { Answers, SurveyDefinition } from '../model/definition.js';

export type SubmittedAnswers = Record<string, SubmittedAnswer>;

/** A question id as a JSON-pointer segment (RFC 6901: ~ → ~0, / → ~1). */
const pointerSegment = (id: string) => id.replaceAll('~', '~0').replaceAll('/', '~1');

/**
 * @example validateAnswers(definition, { sat_overall: 5, recommend: 9 }) // → { sat_overall: 5, recommend: 9 }
 * @throws ApiError INVALID_ANSWERS with one field problem per bad answer
 */
export function validateAnswers(definition: SurveyDefinition, submitted: SubmittedAnswers): Answers {
  const { answers, problems } = checkAnswers(definition, submitted);
  if (problems.length === 0) return answers;
  const fields: FieldProblem[] = problems.map((problem) => ({
    path: `/answers/${pointerSegment(problem.questionId)}`,
    message: answerProblemMessage(problem),
    code: problem.code,
    params: problem.params,
  }));
  const first = problems[0]!;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  throw new ApiError('INVALID_ANSWERS', `Answer ${first.questionId} ${fields[0]!.message}${more}.`, fields);
}
