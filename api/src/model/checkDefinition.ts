/**
 * The definition check, run wherever a definition is written (the template, the builder, the API):
 * the schema's shape first, then the rules a schema cannot say — ids unique, a role held by one
 * question and fitting it, show-if pointing at an earlier question and a value it can take, ranges
 * the right way round, every text filled in every survey language. Each problem names the question
 * and the field by a JSON pointer into the definition.
 */
import type { TSchema } from 'typebox';
import { Value } from 'typebox/value';
import {
  ChoiceQuestionSchema,
  CountQuestionSchema,
  ScaleQuestionSchema,
  SurveyDefinitionSchema,
  TextQuestionSchema,
  surveyLanguages,
  type LocalText,
  type Question,
  type SurveyDefinition,
} from './definition.js';
import { roleMismatch } from './roles.js';

export const DEFINITION_PROBLEM_CODES = [
  'SCHEMA',
  'DUPLICATE_ID',
  'ROLE_TAKEN',
  'ROLE_MISMATCH',
  'SHOW_IF_UNKNOWN_QUESTION',
  'SHOW_IF_NOT_EARLIER',
  'SHOW_IF_IMPOSSIBLE_VALUE',
  'EMPTY_RANGE',
  'POINT_LABELS_COUNT',
  'DUPLICATE_OPTION',
  'MISSING_TEXT',
] as const;
export type DefinitionProblemCode = (typeof DEFINITION_PROBLEM_CODES)[number];

export interface DefinitionProblem {
  /** JSON pointer into the definition, e.g. `/questions/3/role`. */
  path: string;
  code: DefinitionProblemCode;
  /** An English sentence naming the question and what to change. */
  message: string;
}

const QUESTION_SCHEMAS = {
  scale: ScaleQuestionSchema,
  choice: ChoiceQuestionSchema,
  count: CountQuestionSchema,
  text: TextQuestionSchema,
} as const;

/** A property name as a JSON-pointer segment (RFC 6901: ~ → ~0, / → ~1). */
const pointerSegment = (name: string) => name.replaceAll('~', '~0').replaceAll('/', '~1');

/** Schema errors of one value, the most specific per path (a union's every branch is not listed). */
function schemaProblems(schema: TSchema, value: unknown, prefix: string, what: string): DefinitionProblem[] {
  const seen = new Set<string>();
  const problems: DefinitionProblem[] = [];
  for (const error of Value.Errors(schema, value)) {
    if (error.keyword === 'boolean' || error.keyword === 'anyOf') continue;
    if (error.keyword === 'additionalProperties') {
      // One problem per unknown field, at the field itself, so the builder can point at it.
      const unknown = (error.params as { additionalProperties?: string[] }).additionalProperties ?? [];
      for (const property of unknown) {
        const path = `${prefix}${error.instancePath}/${pointerSegment(property)}`;
        if (seen.has(path)) continue;
        seen.add(path);
        const field = `${error.instancePath ? `${error.instancePath.slice(1)}/` : ''}${property}`;
        problems.push({ path, code: 'SCHEMA', message: `${what}: ${field} is not a field here; remove it` });
      }
      continue;
    }
    const path = `${prefix}${error.instancePath}`;
    if (seen.has(path)) continue;
    seen.add(path);
    problems.push({ path, code: 'SCHEMA', message: `${what}: ${error.instancePath ? `${error.instancePath.slice(1)} ` : ''}${error.message}` });
  }
  return problems;
}

/**
 * Every problem of a definition; an empty list means it can be saved and published.
 * @example checkDefinition(fullTemplate()) // => []
 */
export function checkDefinition(input: unknown): DefinitionProblem[] {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return [{ path: '', code: 'SCHEMA', message: 'the definition must be an object' }];
  }
  const candidate = input as Partial<SurveyDefinition> & Record<string, unknown>;
  if (!Array.isArray(candidate.questions)) {
    return schemaProblems(SurveyDefinitionSchema, input, '', 'the definition');
  }
  // Questions are checked one by one against their own type's schema, so an error names the field
  // rather than "matches none of four question types".
  const problems: DefinitionProblem[] = [];
  const questions = candidate.questions as unknown[];
  questions.forEach((question, index) => {
    const type = (question as { type?: unknown } | null)?.type;
    const schema = typeof type === 'string' ? QUESTION_SCHEMAS[type as Question['type']] : undefined;
    if (!schema) {
      problems.push({ path: `/questions/${index}/type`, code: 'SCHEMA', message: `question ${index + 1}: type must be scale, choice, count or text` });
    } else {
      const id = (question as { id?: unknown }).id;
      const name = typeof id === 'string' && id.length <= 63 ? `question ${index + 1} (${id})` : `question ${index + 1}`;
      problems.push(...schemaProblems(schema, question, `/questions/${index}`, name));
    }
  });
  const rest = { ...candidate, questions: [] };
  problems.push(...schemaProblems(SurveyDefinitionSchema, rest, '', 'the definition').filter((p) => !p.path.startsWith('/questions')));
  if (questions.length === 0) problems.push({ path: '/questions', code: 'SCHEMA', message: 'the survey needs at least one question' });
  if (problems.length > 0) return problems;
  return ruleProblems(input as SurveyDefinition);
}

function ruleProblems(definition: SurveyDefinition): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  const languages = surveyLanguages(definition);
  const missingText = (text: LocalText, path: string, what: string) => {
    for (const language of languages) {
      if (text[language].trim() === '') problems.push({ path: `${path}/${language}`, code: 'MISSING_TEXT', message: `${what} has no ${language} text` });
    }
  };
  missingText(definition.title, '/title', 'the title');
  missingText(definition.intro, '/intro', 'the intro');
  missingText(definition.thankYou, '/thankYou', 'the thank-you text');

  const indexById = new Map<string, number>();
  const roleHolder = new Map<string, string>();
  definition.questions.forEach((question, index) => {
    const at = `/questions/${index}`;
    const name = `question ${question.id}`;
    if (indexById.has(question.id)) {
      problems.push({ path: `${at}/id`, code: 'DUPLICATE_ID', message: `${name}: another question already has this id` });
    } else {
      indexById.set(question.id, index);
    }

    if (question.role) {
      const holder = roleHolder.get(question.role);
      if (holder !== undefined) {
        problems.push({ path: `${at}/role`, code: 'ROLE_TAKEN', message: `${name}: question ${holder} already has the role ${question.role}` });
      } else {
        roleHolder.set(question.role, question.id);
      }
      const mismatch = roleMismatch(question.role, question);
      if (mismatch) problems.push({ path: `${at}/role`, code: 'ROLE_MISMATCH', message: `${name}: a ${question.role} question ${mismatch}` });
    }

    if (question.showIf) {
      const target = indexById.get(question.showIf.questionId);
      const targetQuestion = definition.questions.find((q) => q.id === question.showIf!.questionId);
      if (!targetQuestion) {
        problems.push({ path: `${at}/showIf/questionId`, code: 'SHOW_IF_UNKNOWN_QUESTION', message: `${name}: show-if names no question of this survey (${question.showIf.questionId})` });
      } else if (target === undefined || target >= index) {
        problems.push({ path: `${at}/showIf/questionId`, code: 'SHOW_IF_NOT_EARLIER', message: `${name}: show-if must point at an earlier question, not ${targetQuestion.id}` });
      } else if (!canTake(targetQuestion, question.showIf.equals)) {
        problems.push({ path: `${at}/showIf/equals`, code: 'SHOW_IF_IMPOSSIBLE_VALUE', message: `${name}: question ${targetQuestion.id} can never be answered ${JSON.stringify(question.showIf.equals)}` });
      }
    }

    missingText(question.text, `${at}/text`, `${name}`);
    switch (question.type) {
      case 'scale':
        if (question.min >= question.max) problems.push({ path: `${at}/max`, code: 'EMPTY_RANGE', message: `${name}: max must be above min` });
        else if (question.max - question.min > 100) problems.push({ path: `${at}/max`, code: 'EMPTY_RANGE', message: `${name}: a scale has at most 101 points` });
        missingText(question.minLabel, `${at}/minLabel`, `${name}'s lowest-point label`);
        missingText(question.maxLabel, `${at}/maxLabel`, `${name}'s highest-point label`);
        if (question.pointLabels) {
          if (question.pointLabels.length !== question.max - question.min + 1) {
            problems.push({ path: `${at}/pointLabels`, code: 'POINT_LABELS_COUNT', message: `${name}: needs one point label per point, ${question.max - question.min + 1}` });
          }
          question.pointLabels.forEach((label, i) => missingText(label, `${at}/pointLabels/${i}`, `${name}'s point label ${i + 1}`));
        }
        break;
      case 'count':
        if (question.min >= question.max) problems.push({ path: `${at}/max`, code: 'EMPTY_RANGE', message: `${name}: max must be above min` });
        break;
      case 'choice': {
        const values = new Set<string>();
        question.options.forEach((option, i) => {
          if (values.has(option.value)) problems.push({ path: `${at}/options/${i}/value`, code: 'DUPLICATE_OPTION', message: `${name}: two options have the value ${option.value}` });
          values.add(option.value);
          missingText(option.label, `${at}/options/${i}/label`, `${name}'s option ${option.value}`);
        });
        break;
      }
      case 'text':
        break;
    }
  });
  return problems;
}

/** Whether a question can ever be answered with this value. */
function canTake(question: Question, value: string | number): boolean {
  switch (question.type) {
    case 'choice':
      return question.options.some((option) => option.value === value);
    case 'scale':
    case 'count':
      return typeof value === 'number' && value >= question.min && value <= question.max;
    case 'text':
      return false;
  }
}
