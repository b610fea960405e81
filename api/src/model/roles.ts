/**
 * What each question role requires of its question, and how a definition's roles are resolved
 * (DESIGN.md "Any survey, not only the template"). The analysis finds questions by role and
 * construct only, never by id.
 */
import type { ChoiceQuestion, CountQuestion, Question, QuestionRole, ScaleQuestion, SurveyDefinition } from './definition.js';

/** The exchange answer values, worst to best (DESIGN.md "Exchange type"). */
export const EXCHANGE_VALUES = ['not_delivered', 'partly', 'as_expected', 'exceeded'] as const;
/** The answer values of a problem_resolved question. */
export const RESOLUTION_VALUES = ['resolved', 'partly', 'not_resolved'] as const;
export const YES_NO_VALUES = ['yes', 'no'] as const;

export interface RoleRequirement {
  type: Question['type'];
  /** The construct the question must join, where the analysis reads it as part of one. */
  construct?: Question['construct'];
  /** A scale's exact range (recommend is the 0–10 NPS item). */
  range?: { min: number; max: number };
  /** A choice's option values: exactly these (in any order). */
  options?: readonly string[];
  /** What the role is, in English, for error messages and docs. */
  description: string;
}

export const ROLE_REQUIREMENTS: Readonly<Record<QuestionRole, RoleRequirement>> = {
  overall_satisfaction: { type: 'scale', construct: 'satisfaction', description: 'the overall satisfaction level (CSAT, the satisfaction curve)' },
  recommend: { type: 'scale', range: { min: 0, max: 10 }, description: 'the 0–10 likelihood to recommend (NPS)' },
  promo_decided: { type: 'choice', construct: 'discount', options: YES_NO_VALUES, description: 'whether a promotion decided the purchase (yes/no)' },
  full_price_return: { type: 'scale', construct: 'discount', description: 'likelihood to return at full price' },
  expectation: { type: 'choice', construct: 'exchange', options: EXCHANGE_VALUES, description: 'the exchange type against expectations' },
  had_problem: { type: 'choice', options: YES_NO_VALUES, description: 'whether the customer had a problem (yes/no)' },
  problem_resolved: { type: 'choice', options: RESOLUTION_VALUES, description: 'whether the problem was resolved' },
  gesture_received: { type: 'choice', options: YES_NO_VALUES, description: 'whether an apology or a gesture was received (yes/no)' },
  told_positive: { type: 'count', description: 'people told about a good experience' },
  told_negative: { type: 'count', description: 'people told about a bad experience' },
};

/** A definition's questions by role: the question holding each role, or absent. */
export interface ResolvedRoles {
  overall_satisfaction?: ScaleQuestion;
  recommend?: ScaleQuestion;
  promo_decided?: ChoiceQuestion;
  full_price_return?: ScaleQuestion;
  expectation?: ChoiceQuestion;
  had_problem?: ChoiceQuestion;
  problem_resolved?: ChoiceQuestion;
  gesture_received?: ChoiceQuestion;
  told_positive?: CountQuestion;
  told_negative?: CountQuestion;
}

/**
 * Why a question cannot hold its role, or null when it fits.
 * @example roleMismatch('recommend', { type: 'scale', min: 1, max: 5, … }) // => 'must be a scale from 0 to 10'
 */
export function roleMismatch(role: QuestionRole, question: Question): string | null {
  const need = ROLE_REQUIREMENTS[role];
  if (question.type !== need.type) return `must be a ${need.type} question`;
  if (need.construct && question.construct !== need.construct) return `must join the ${need.construct} construct`;
  if (need.range && question.type === 'scale' && (question.min !== need.range.min || question.max !== need.range.max)) {
    return `must be a scale from ${need.range.min} to ${need.range.max}`;
  }
  if (need.options && question.type === 'choice') {
    const values = question.options.map((option) => option.value).sort();
    const wanted = [...need.options].sort();
    if (values.length !== wanted.length || values.some((value, i) => value !== wanted[i])) {
      return `must have exactly the options ${need.options.join(', ')}`;
    }
  }
  return null;
}

/**
 * The question holding each role (the first, where a definition that was not checked has two).
 * Questions whose type does not fit their role are left out: the analysis never reads them as that role.
 * @example resolveRoles(fullTemplate()).recommend?.id // => 'recommend'
 */
export function resolveRoles(definition: Pick<SurveyDefinition, 'questions'>): ResolvedRoles {
  const roles: Record<string, Question> = {};
  for (const question of definition.questions) {
    if (question.role && !roles[question.role] && roleMismatch(question.role, question) === null) roles[question.role] = question;
  }
  return roles as ResolvedRoles;
}
