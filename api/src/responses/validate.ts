/**
 * Checks submitted answers with the model's answer check (model/answers.ts, the same function the
 * respondent page runs) and turns its problems into the API's field errors: one per bad answer
 * (`/answers/<questionId>`), all at once, each with the problem's code and parameters beside an
 * English message. Nothing is stored unless every answer fits.
 */
import { ApiError, type FieldProblem } from '../errors.js';
import { answerProblemMessage, checkAnswers, type SubmittedAnswer } from '../model/answers.js';
import type { Answers, SurveyDefinition } from '../model/definition.js';
import { parseInstant } from '../model/instant.js';

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

/** The earliest `startedAt` accepted: the survey product did not exist before 2000. */
const EARLIEST_START = Date.UTC(2000, 0, 1);
const ONE_DAY_MS = 24 * 60 * 60 * 1000;

/**
 * `startedAt` as an instant, refusing what the schema's date-time format lets through but is no real
 * instant (model/instant.ts: a leap second, a day past the month's end), or a time outside
 * 2000-01-01 … now + 1 day (clock skew on a respondent's phone stays within a day).
 * @example startedAtInstant('2025-03-01T09:30:00Z') // → Date 2025-03-01T09:30:00.000Z
 * @throws ApiError VALIDATION_FAILED naming /startedAt
 */
export function startedAtInstant(value: string | undefined, now = Date.now()): Date | null {
  if (value === undefined) return null;
  const refuse = (message: string, code: string): never => {
    throw new ApiError('VALIDATION_FAILED', `/startedAt ${message}.`, [{ path: '/startedAt', message, code }]);
  };
  const instant = parseInstant(value)?.ms;
  if (instant === undefined) return refuse('must be a real date and time such as 2025-03-01T09:30:00Z (no leap seconds)', 'NOT_AN_INSTANT');
  if (instant < EARLIEST_START || instant > now + ONE_DAY_MS) {
    refuse('must be between 2000-01-01 and one day from now', 'OUT_OF_RANGE');
  }
  return new Date(instant);
}
