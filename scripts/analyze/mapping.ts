/**
 * The mapping file (`--mapping FILE`, docs/ANALYZE.md "The mapping file"): a JSON object keyed by the
 * file's column names. Each entry is one of
 * - `"question_id"` or `{ "question": "question_id" }`: a template question on its template scale;
 * - `{ "question": "question_id", "scale": [min, max] }`: the same question asked on the file's own range;
 * - `{ "question": "choice_id", "values": { "Y": "yes", … } }`: the file's codes for a choice's options;
 * - `{ "construct": "satisfaction" | "emotional" | "behavioural" | "loyalist_expectations", "scale": [min, max], "reversed"?: true }`:
 *   a custom item that joins the construct as one more item;
 * - `null`: the column is left out.
 * Everything that can be checked without the file is checked here; every message names the column.
 */
import type { Question, SurveyDefinition } from '../../api/src/model/definition.js';
import { InputError } from './inputError.js';

/** The constructs a custom item may join. */
export const CUSTOM_CONSTRUCTS = ['satisfaction', 'emotional', 'behavioural', 'loyalist_expectations'] as const;
export type CustomConstruct = (typeof CUSTOM_CONSTRUCTS)[number];

/** The range the survey model allows for a scale (model/definition.ts ScaleQuestionSchema). */
const SCALE_LIMIT = 1000;
/** The NPS reads 0–10 answers (model/roles.ts: the recommend role is a 0–10 scale). */
const NPS_RANGE = { min: 0, max: 10 };

export type MappingEntry =
  | { kind: 'skip' }
  | { kind: 'question'; question: string; scale: { min: number; max: number } | null; values: Readonly<Record<string, string>> | null }
  | { kind: 'custom'; construct: CustomConstruct; scale: { min: number; max: number }; reversed: boolean };

/** Column name (trimmed) → entry. */
export type Mapping = ReadonlyMap<string, MappingEntry>;

const FORMS =
  '"question_id", {"question": "question_id", "scale": [min, max]}, {"question": "choice_id", "values": {"code": "option"}}, ' +
  '{"construct": "satisfaction", "scale": [min, max], "reversed": true} or null';
const QUESTION_KEYS = new Set(['question', 'scale', 'values']);
const CUSTOM_KEYS = new Set(['construct', 'scale', 'reversed']);

function refuse(column: string, what: string): never {
  throw new InputError(`The mapping's "${column}": ${what}`);
}

function scaleOf(column: string, value: unknown): { min: number; max: number } {
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    !value.every((end) => Number.isSafeInteger(end) && Math.abs(end as number) <= SCALE_LIMIT) ||
    (value[0] as number) >= (value[1] as number)
  ) {
    refuse(column, `"scale" must be [min, max], two whole numbers from −${SCALE_LIMIT} to ${SCALE_LIMIT} with min < max; got ${JSON.stringify(value)}.`);
  }
  return { min: value[0] as number, max: value[1] as number };
}

function questionEntry(column: string, raw: Record<string, unknown>, byId: ReadonlyMap<string, Question>): MappingEntry {
  const id = raw.question;
  const question = typeof id === 'string' ? byId.get(id) : undefined;
  if (!question) refuse(column, `${JSON.stringify(id)} is not a question id; use one of ${[...byId.keys()].join(', ')}.`);
  let scale: { min: number; max: number } | null = null;
  if (raw.scale !== undefined) {
    if (question.type !== 'scale') refuse(column, `${question.id} is a ${question.type} question, not a scale; leave out "scale".`);
    scale = scaleOf(column, raw.scale);
    if (question.role === 'recommend' && (scale.min < NPS_RANGE.min || scale.max > NPS_RANGE.max)) {
      refuse(
        column,
        `the NPS needs 0–10 answers, and the declared scale ${scale.min}–${scale.max} does not fit 0–10 as it is; ` +
          `map a 0–10 (or 1–10) column to recommend, or map this one as {"construct": "emotional", "scale": [${scale.min}, ${scale.max}]}.`,
      );
    }
    if (scale.min === question.min && scale.max === question.max) scale = null;
  }
  let values: Record<string, string> | null = null;
  if (raw.values !== undefined) {
    if (question.type !== 'choice') refuse(column, `${question.id} is a ${question.type} question; "values" is for choice questions.`);
    const options = question.options.map((option) => option.value);
    if (typeof raw.values !== 'object' || raw.values === null || Array.isArray(raw.values) || Object.keys(raw.values).length === 0) {
      refuse(column, `"values" must be an object {"the file's code": "option"} with at least one code; the options are ${options.join(', ')}.`);
    }
    values = {};
    for (const [code, option] of Object.entries(raw.values as Record<string, unknown>)) {
      if (typeof option !== 'string' || !options.includes(option)) {
        refuse(column, `"values" sends ${JSON.stringify(code)} to ${JSON.stringify(option)}, which is not an option of ${question.id}; use ${options.join(', ')}.`);
      }
      if (code.trim() === '') refuse(column, `"values" has an empty code; an empty cell is always unanswered.`);
      values[code.trim()] = option;
    }
  }
  return { kind: 'question', question: question.id, scale, values };
}

function customEntry(column: string, raw: Record<string, unknown>): MappingEntry {
  const construct = raw.construct;
  if (typeof construct !== 'string' || !(CUSTOM_CONSTRUCTS as readonly string[]).includes(construct)) {
    refuse(column, `"construct" must be one of ${CUSTOM_CONSTRUCTS.join(', ')}; got ${JSON.stringify(construct)}.`);
  }
  if (raw.scale === undefined) refuse(column, `a custom item needs "scale": [min, max], the range of the file's answers.`);
  if (raw.reversed !== undefined && typeof raw.reversed !== 'boolean') refuse(column, `"reversed" must be true or false.`);
  return { kind: 'custom', construct: construct as CustomConstruct, scale: scaleOf(column, raw.scale), reversed: raw.reversed === true };
}

function entryOf(column: string, target: unknown, byId: ReadonlyMap<string, Question>): MappingEntry {
  if (target === null) return { kind: 'skip' };
  if (typeof target === 'string') {
    if (!byId.has(target)) refuse(column, `${JSON.stringify(target)} is not a question id; use one of ${[...byId.keys()].join(', ')}.`);
    return { kind: 'question', question: target, scale: null, values: null };
  }
  if (typeof target !== 'object' || Array.isArray(target)) refuse(column, `an entry is one of ${FORMS}; got ${JSON.stringify(target)}.`);
  const raw = target as Record<string, unknown>;
  const isCustom = raw.construct !== undefined;
  if (isCustom && raw.question !== undefined) refuse(column, `give "question" (a template question) or "construct" (a custom item), not both.`);
  if (!isCustom && raw.question === undefined) refuse(column, `an entry needs "question" or "construct"; the forms are ${FORMS}.`);
  const allowed = isCustom ? CUSTOM_KEYS : QUESTION_KEYS;
  for (const key of Object.keys(raw)) {
    if (!allowed.has(key)) refuse(column, `unknown key "${key}"; ${isCustom ? 'a custom item has construct, scale and reversed' : 'a question entry has question, scale and values'}.`);
  }
  return isCustom ? customEntry(column, raw) : questionEntry(column, raw, byId);
}

/**
 * Read and check a mapping file's JSON against the template's questions.
 *
 * @example
 * parseMapping('{"Resp ID": null, "Q2 value": {"construct": "satisfaction", "scale": [1, 7]}}', fullTemplate()).get('Q2 value');
 * // => { kind: 'custom', construct: 'satisfaction', scale: { min: 1, max: 7 }, reversed: false }
 */
export function parseMapping(text: string, definition: SurveyDefinition): Mapping {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new InputError(`The mapping file is not valid JSON (${(error as Error).message}); write {"their column": "question_id"}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new InputError('The mapping file must be a JSON object {"their column": "question_id"}.');
  }
  const byId = new Map(definition.questions.map((q) => [q.id, q]));
  const mapping = new Map<string, MappingEntry>();
  const holder = new Map<string, string>();
  for (const [key, target] of Object.entries(parsed)) {
    const column = key.trim();
    if (mapping.has(column)) throw new InputError(`The mapping names "${column}" twice (after trimming spaces); keep one.`);
    const entry = entryOf(column, target, byId);
    if (entry.kind === 'question') {
      const earlier = holder.get(entry.question);
      if (earlier !== undefined) {
        refuse(column, `"${earlier}" already goes to ${entry.question}; two columns may not land on the same question — map one of them to null.`);
      }
      holder.set(entry.question, column);
    }
    mapping.set(column, entry);
  }
  return mapping;
}
