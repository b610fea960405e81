/**
 * What one published version changed against the one before it, for the builder's version history
 * (GET /api/surveys/:id/builder, `versions[].changes`). Pure: two definitions in, a list out.
 *
 * - Survey-level fields in one `survey` entry: texts per language (`title.et`, `intro.ru`,
 *   `thankYou.en`), `thresholds`, `languages` (the effective list: absent means all four, in order).
 * - Questions matched by id: `removed` (in the order they had), then in the new order `added`,
 *   `moved` (not in the longest run of questions that kept their relative order) and `changed`
 *   with the fields that differ: texts per language (`text.ru`, `minLabel.ka`), other fields by
 *   name (`required`, `showIf`, `options`, `pointLabels`, `type`, `max`…).
 * Stored definitions come back from jsonb with their keys in another order, so values are compared
 * by content, never by their JSON text.
 */
import type { Static } from 'typebox';
import { LANGUAGES, surveyLanguages, type Question, type SurveyDefinition } from '../model/definition.js';
import type { VersionChangeSchema } from './builderSchemas.js';

export type VersionChange = Static<typeof VersionChangeSchema>;

/** Whether two JSON values are equal, object keys in any order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, index) => sameValue(item, other[index]));
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)].filter((key) => left[key] !== undefined || right[key] !== undefined));
  return [...keys].every((key) => sameValue(left[key], right[key]));
}

/** A text in every language (`{ en, ru, et, ka }` of strings). */
function isLocalText(value: unknown): value is Record<(typeof LANGUAGES)[number], string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  return Object.keys(record).length === LANGUAGES.length && LANGUAGES.every((language) => typeof record[language] === 'string');
}

/**
 * The fields of two objects that differ, a text one per language (`text.ru`), in the order of `order`
 * and then of the keys as they come.
 */
function changedFields(before: Record<string, unknown>, after: Record<string, unknown>, order: readonly string[]): string[] {
  const keys = [...new Set([...order, ...Object.keys(after), ...Object.keys(before)])];
  const fields: string[] = [];
  for (const key of keys) {
    const a = before[key];
    const b = after[key];
    if (sameValue(a, b)) continue;
    if (isLocalText(a) && isLocalText(b)) {
      for (const language of LANGUAGES) if (a[language] !== b[language]) fields.push(`${key}.${language}`);
    } else {
      fields.push(key);
    }
  }
  return fields;
}

const SURVEY_FIELD_ORDER = ['title', 'intro', 'thankYou', 'languages', 'thresholds'] as const;
const QUESTION_FIELD_ORDER = [
  'type',
  'construct',
  'role',
  'text',
  'required',
  'showIf',
  'min',
  'max',
  'reversed',
  'minLabel',
  'maxLabel',
  'pointLabels',
  'options',
  'maxLength',
] as const;

/** The ids of `ids` that are in a longest subsequence also found, in order, in `other` (LCS). */
function keptInOrder(ids: readonly string[], other: readonly string[]): Set<string> {
  const rows = ids.length;
  const cols = other.length;
  const length: number[][] = Array.from({ length: rows + 1 }, () => new Array<number>(cols + 1).fill(0));
  for (let i = rows - 1; i >= 0; i--) {
    for (let j = cols - 1; j >= 0; j--) {
      length[i]![j] = ids[i] === other[j] ? length[i + 1]![j + 1]! + 1 : Math.max(length[i + 1]![j]!, length[i]![j + 1]!);
    }
  }
  const kept = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < rows && j < cols) {
    if (ids[i] === other[j]) {
      kept.add(ids[i]!);
      i++;
      j++;
    } else if (length[i + 1]![j]! >= length[i]![j + 1]!) {
      i++;
    } else {
      j++;
    }
  }
  return kept;
}

/**
 * The changes from `previous` to `next`; `[{ kind: 'created' }]` for a first version.
 * @example versionChanges(v1, v2) // => [{ kind: 'survey', fields: ['title.et'] }, { kind: 'changed', questionId: 'recommend', fields: ['required'] }]
 */
export function versionChanges(previous: SurveyDefinition | null, next: SurveyDefinition): VersionChange[] {
  if (previous === null) return [{ kind: 'created' }];
  const changes: VersionChange[] = [];

  const surveyLevel = (definition: SurveyDefinition) => {
    const { questions: _questions, ...rest } = definition;
    return { ...rest, languages: [...surveyLanguages(definition)] } as Record<string, unknown>;
  };
  const surveyFields = changedFields(surveyLevel(previous), surveyLevel(next), SURVEY_FIELD_ORDER);
  if (surveyFields.length > 0) changes.push({ kind: 'survey', fields: surveyFields });

  const before = new Map<string, Question>(previous.questions.map((question) => [question.id, question]));
  const after = new Map<string, Question>(next.questions.map((question) => [question.id, question]));
  for (const question of previous.questions) {
    if (!after.has(question.id)) changes.push({ kind: 'removed', questionId: question.id });
  }
  const commonBefore = previous.questions.map((question) => question.id).filter((id) => after.has(id));
  const commonAfter = next.questions.map((question) => question.id).filter((id) => before.has(id));
  const kept = keptInOrder(commonAfter, commonBefore);
  for (const question of next.questions) {
    const old = before.get(question.id);
    if (!old) {
      changes.push({ kind: 'added', questionId: question.id });
      continue;
    }
    if (!kept.has(question.id)) changes.push({ kind: 'moved', questionId: question.id });
    const fields = changedFields(old as Record<string, unknown>, question as Record<string, unknown>, QUESTION_FIELD_ORDER);
    if (fields.length > 0) changes.push({ kind: 'changed', questionId: question.id, fields });
  }
  return changes;
}
