/**
 * Turning CSV rows into validated answers. `planColumns` reads the header once — which column is
 * which question (by question id, or through the mapping, mapping.ts), which are left out, which holds
 * the respondent id — and builds the run's survey definition: the template questions the file asks,
 * on the file's declared scales, plus the custom items of the mapping as questions of their
 * construct, so the analytics module scores, checks reliability and fits drivers with them like any
 * other item. `answersOf` then checks each row with one loop over plain column data (no per-cell
 * closures: the hot path of a million-row file).
 */
import { QUESTION_ID_PATTERN, type Answers, type LocalText, type Question, type ScaleQuestion, type SurveyDefinition } from '../../api/src/model/definition.js';
import { InputError } from './inputError.js';
import type { Mapping, MappingEntry } from './mapping.js';

/** Column kinds (numbers, so the row loop switches on a small integer). */
export const SKIP = 0;
/** A scale or count: a whole number min..max. */
export const WHOLE = 1;
export const CHOICE = 2;
export const TEXT = 3;
/** The --id column: carried to --respondents, never analysed. */
export const ID = 4;

/** How one column's cells become answers: plain data, read by `answersOf`. */
export interface ColumnRule {
  kind: number;
  /** The question id the answer is stored under ('' for SKIP and ID). */
  id: string;
  /** How the column is named in messages: `sat_overall`, or `"Their name" (sat_overall)`, or `"Their name"` for a custom item. */
  name: string;
  /** WHOLE: the file's range (the declared scale, or the question's own). */
  min: number;
  max: number;
  /** WHOLE: whether min..max was declared in the mapping (the message then says "the declared scale"). */
  declared: boolean;
  /** CHOICE: the cell texts accepted, and the answer each stands for (same index). */
  codes: readonly string[];
  answers: readonly string[];
  /** TEXT: the longest answer. */
  maxLength: number;
}

export interface ColumnPlan {
  columns: readonly ColumnRule[];
  /** The survey this file asked: what the report, the reliability and the drivers are computed on. */
  definition: SurveyDefinition;
  /** Names of the columns mapped to null. */
  leftOut: string[];
  /** Index of the --id column, or -1. */
  idIndex: number;
  /** Question id → the file's column name, for every column that is not the id itself. */
  columnOf: Record<string, string>;
}

const rule = (kind: number, id: string, name: string, extra: Partial<ColumnRule> = {}): ColumnRule => ({
  kind,
  id,
  name,
  min: 0,
  max: 0,
  declared: false,
  codes: [],
  answers: [],
  maxLength: 0,
  ...extra,
});

const sameText = (text: string): LocalText => ({ en: text, ru: text, et: text, ka: text });
const ID_PATTERN = new RegExp(QUESTION_ID_PATTERN);

/** A question id for a custom item, from its column name: "Q2 value" → q2_value; unique among `taken`. */
function customId(column: string, position: number, taken: Set<string>): string {
  const slug = column
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .slice(0, 56);
  const base = ID_PATTERN.test(slug) ? slug : `item_${position}`;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}_${k}`;
  taken.add(id);
  return id;
}

function customQuestion(id: string, column: string, entry: Extract<MappingEntry, { kind: 'custom' }>): ScaleQuestion {
  return {
    id,
    construct: entry.construct,
    type: 'scale',
    text: sameText(column),
    required: false,
    min: entry.scale.min,
    max: entry.scale.max,
    ...(entry.reversed ? { reversed: true } : {}),
    minLabel: sameText(String(entry.scale.min)),
    maxLabel: sameText(String(entry.scale.max)),
  };
}

function ruleOf(question: Question, name: string, entry: Extract<MappingEntry, { kind: 'question' }> | null): ColumnRule {
  switch (question.type) {
    case 'scale':
    case 'count': {
      const scale = entry?.scale;
      return rule(WHOLE, question.id, name, scale ? { min: scale.min, max: scale.max, declared: true } : { min: question.min, max: question.max });
    }
    case 'choice': {
      const values = entry?.values;
      if (values) return rule(CHOICE, question.id, name, { codes: Object.keys(values), answers: Object.values(values) });
      const options = question.options.map((option) => option.value);
      return rule(CHOICE, question.id, name, { codes: options, answers: options });
    }
    case 'text':
      return rule(TEXT, question.id, name, { maxLength: question.maxLength });
  }
}

/**
 * Match header cells to questions and build the run's definition; every problem is an InputError at
 * line 1 naming the column: an unknown column, two columns on one question, a mapped or --id column
 * the file does not have.
 *
 * @example
 * const plan = planColumns(['Resp ID', 'Q2 value'], fullTemplate(), parseMapping('{"Q2 value": {"construct": "satisfaction", "scale": [1, 7]}}', fullTemplate()), 'Resp ID');
 * plan.definition.questions.map((q) => q.id); // => ['q2_value']
 */
export function planColumns(header: readonly string[], template: SurveyDefinition, mapping: Mapping = new Map(), idColumn: string | null = null): ColumnPlan {
  const byId = new Map(template.questions.map((q) => [q.id, q]));
  const names = header.map((cell) => cell.trim());
  for (const column of mapping.keys()) {
    if (!names.includes(column)) {
      throw new InputError(`The mapping names "${column}", which is not a column of the file; its columns are ${names.map((n) => `"${n}"`).join(', ')}.`, { line: 1 });
    }
  }
  if (idColumn !== null) {
    if (!names.includes(idColumn)) throw new InputError(`--id "${idColumn}" is not a column of the file; its columns are ${names.map((n) => `"${n}"`).join(', ')}.`, { line: 1 });
    const entry = mapping.get(idColumn);
    if (entry && entry.kind !== 'skip') throw new InputError(`"${idColumn}" is the --id column and cannot also be mapped to a question; remove it from the mapping.`, { line: 1 });
    if (names.indexOf(idColumn) !== names.lastIndexOf(idColumn)) throw new InputError(`--id "${idColumn}" names two columns of the file; rename one.`, { line: 1 });
  }

  const asked = new Map<string, Question>();
  const holder = new Map<string, number>();
  const custom: ScaleQuestion[] = [];
  const taken = new Set(byId.keys());
  const leftOut: string[] = [];
  const columnOf: Record<string, string> = {};
  let idIndex = -1;
  const columns = names.map((name, index) => {
    const position = { line: 1, column: index + 1 };
    if (name === idColumn) {
      idIndex = index;
      return rule(ID, '', `"${name}"`);
    }
    const entry = mapping.get(name) ?? (byId.has(name) ? ({ kind: 'question', question: name, scale: null, values: null } as const) : undefined);
    if (entry === undefined) {
      throw new InputError(
        `Unknown column "${name}": it is not a question id of the template and not in the mapping. Rename it, map it with --mapping, or map it to null to leave it out.`,
        position,
      );
    }
    if (entry.kind === 'skip') {
      leftOut.push(name);
      return rule(SKIP, '', `"${name}"`);
    }
    if (entry.kind === 'custom') {
      const question = customQuestion(customId(name, index + 1, taken), name, entry);
      custom.push(question);
      columnOf[question.id] = name;
      return rule(WHOLE, question.id, `"${name}"`, { min: entry.scale.min, max: entry.scale.max, declared: true });
    }
    const template = byId.get(entry.question)!;
    const earlier = holder.get(template.id);
    if (earlier !== undefined) {
      throw new InputError(`Columns "${names[earlier]}" (${earlier + 1}) and "${name}" (${index + 1}) both hold ${template.id}; keep one, or map the other to null.`, position);
    }
    holder.set(template.id, index);
    columnOf[template.id] = name;
    // A declared scale becomes the question's own range (scaled to 0..1 by the analytics module);
    // recommend keeps 0–10, the NPS range, and its answers are read as they are (mapping.ts checks they fit).
    const declared = entry.scale !== null && template.role !== 'recommend' && template.type === 'scale';
    asked.set(template.id, declared ? { ...structuredClone(template), min: entry.scale!.min, max: entry.scale!.max } : structuredClone(template));
    return ruleOf(template, name === template.id ? name : `"${name}" (${template.id})`, entry.kind === 'question' ? entry : null);
  });
  // Template order first, so the level question and the driver predictors are found as for the template.
  const questions = [...template.questions.filter((q) => asked.has(q.id)).map((q) => asked.get(q.id)!), ...custom];
  if (questions.length === 0) {
    throw new InputError('No column of the file is a question to analyse: every column is left out or the --id column.', { line: 1 });
  }
  return { columns, definition: { ...structuredClone(template), questions }, leftOut, idIndex, columnOf };
}

/** A whole number written in decimal digits (optionally with a minus sign), else NaN. */
function wholeNumber(text: string): number {
  const length = text.length;
  let at = text.charCodeAt(0) === 45 ? 1 : 0;
  if (at === length || length > 16) return Number.NaN;
  let value = 0;
  for (; at < length; at++) {
    const digit = text.charCodeAt(at) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return text.charCodeAt(0) === 45 ? -value : value;
}

function fail(rule: ColumnRule, index: number, line: number | undefined, what: string): never {
  throw new InputError(`${rule.name}: ${what}`, line === undefined ? { column: index + 1 } : { line, column: index + 1 });
}

/**
 * Validate one data row against the plan and return its answers (empty cells are unanswered).
 * `line` is only used in an error; without it the error carries the column only and the caller adds
 * the line (`atLine` in inputError.ts), so a reader need not track lines on the hot path.
 *
 * @example
 * answersOf(plan, ['5', ''], 2); // => { sat_overall: 5 }
 */
export function answersOf(plan: ColumnPlan, record: readonly string[], line?: number): Answers {
  const columns = plan.columns;
  if (record.length !== columns.length) {
    throw new InputError(`The row has ${record.length} cells; the header has ${columns.length}.`, line === undefined ? {} : { line });
  }
  const answers: Answers = {};
  for (let index = 0; index < columns.length; index++) {
    const rule = columns[index]!;
    const kind = rule.kind;
    if (kind === SKIP || kind === ID) continue;
    const text = record[index]!.trim();
    if (text === '') continue;
    if (kind === WHOLE) {
      const value = wholeNumber(text);
      if (value !== value) fail(rule, index, line, `"${text}" is not a whole number; expected ${rule.min}–${rule.max} or an empty cell.`);
      if (value < rule.min || value > rule.max) {
        fail(rule, index, line, `${value} is outside ${rule.declared ? 'the declared scale ' : ''}${rule.min}–${rule.max}.`);
      }
      answers[rule.id] = value;
    } else if (kind === CHOICE) {
      const codes = rule.codes;
      let found = -1;
      for (let c = 0; c < codes.length; c++) {
        if (codes[c] === text) {
          found = c;
          break;
        }
      }
      if (found < 0) fail(rule, index, line, `"${text}" is not one of ${codes.join(', ')}.`);
      answers[rule.id] = rule.answers[found]!;
    } else {
      // Code points, as the API counts them (model/answers.ts).
      if (text.length > rule.maxLength && [...text].length > rule.maxLength) fail(rule, index, line, `the text is longer than ${rule.maxLength} characters.`);
      answers[rule.id] = text;
    }
  }
  return answers;
}
