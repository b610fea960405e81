/**
 * Turning CSV rows into validated answers: which column is which question (directly by question id,
 * or through a mapping {"their column": "question_id"}), and whether each value fits its question.
 */
import type { Answers, Question, SurveyDefinition } from '../../api/src/model/definition.js';
import { InputError } from './inputError.js';

/** Column index → question, built once from the header. */
export interface ColumnPlan {
  questions: Question[];
  /** How each column is named in messages: the question id, or "their name (question id)" when mapped. */
  names: string[];
}

/**
 * Read a mapping file's JSON: an object of strings, each target a question id of the definition.
 *
 * @example
 * parseMapping('{"Overall": "sat_overall"}', fullTemplate()); // => { Overall: 'sat_overall' }
 */
export function parseMapping(text: string, definition: SurveyDefinition): Record<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`The mapping file is not valid JSON (${(error as Error).message}); write {"their column": "question_id"}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('The mapping file must be a JSON object {"their column": "question_id"}.');
  }
  const ids = new Set(definition.questions.map((q) => q.id));
  const mapping: Record<string, string> = {};
  for (const [column, target] of Object.entries(parsed)) {
    if (typeof target !== 'string' || !ids.has(target)) {
      throw new InputError(`The mapping sends "${column}" to ${JSON.stringify(target)}, which is not a question id; use one of ${[...ids].join(', ')}.`);
    }
    mapping[column] = target;
  }
  return mapping;
}

/**
 * Match header cells to questions; an unknown or repeated column is an error at line 1.
 *
 * @example
 * planColumns(['sat_overall', 'Recommend?'], fullTemplate(), { 'Recommend?': 'recommend' }).questions.map((q) => q?.id);
 * // => ['sat_overall', 'recommend']
 */
export function planColumns(header: readonly string[], definition: SurveyDefinition, mapping: Record<string, string>): ColumnPlan {
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  const seen = new Map<string, number>();
  const questions = header.map((cell, index) => {
    const name = cell.trim();
    const id = mapping[name] ?? name;
    const question = byId.get(id);
    if (!question) {
      throw new InputError(
        `Unknown column "${name}": it is not a question id of the template and not in the mapping. Rename it or map it with --mapping.`,
        { line: 1, column: index + 1 },
      );
    }
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      throw new InputError(`Columns ${earlier + 1} and ${index + 1} both hold ${id}; keep one.`, { line: 1, column: index + 1 });
    }
    seen.set(id, index);
    return question;
  });
  const names = header.map((cell, index) => (cell.trim() === questions[index]!.id ? cell.trim() : `${cell.trim()} (${questions[index]!.id})`));
  return { questions, names };
}

/** One cell's value checked against its question; undefined for an empty cell (unanswered). */
function answerOf(question: Question, name: string, cell: string, line: number, column: number): number | string | undefined {
  const text = cell.trim();
  if (text === '') return undefined;
  const fail = (what: string) => {
    throw new InputError(`${name}: ${what}`, { line, column });
  };
  switch (question.type) {
    case 'scale':
    case 'count': {
      const value = Number(text);
      if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(value)) {
        return fail(`"${text}" is not a whole number; expected ${question.min}–${question.max} or an empty cell.`);
      }
      if (value < question.min || value > question.max) {
        return fail(`${value} is outside ${question.min}–${question.max}.`);
      }
      return value;
    }
    case 'choice': {
      if (!question.options.some((option) => option.value === text)) {
        return fail(`"${text}" is not one of ${question.options.map((o) => o.value).join(', ')}.`);
      }
      return text;
    }
    case 'text':
      if (text.length > question.maxLength) return fail(`the text is longer than ${question.maxLength} characters.`);
      return text;
  }
}

/**
 * Validate one data row against the plan and return its answers.
 *
 * @example
 * answersOf(plan, ['5', ''], 2); // => { sat_overall: 5 }
 */
export function answersOf(plan: ColumnPlan, record: readonly string[], line: number): Answers {
  if (record.length !== plan.questions.length) {
    throw new InputError(`The row has ${record.length} cells; the header has ${plan.questions.length}.`, { line });
  }
  const answers: Answers = {};
  for (let index = 0; index < record.length; index++) {
    const question = plan.questions[index]!;
    const answer = answerOf(question, plan.names[index]!, record[index]!, line, index + 1);
    if (answer !== undefined) answers[question.id] = answer;
  }
  return answers;
}
