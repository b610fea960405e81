/**
 * The builder's editing of a definition (pure, so it is unit-tested): adding questions from presets,
 * removing, duplicating and moving them, the roles that fit a question, and where each problem the
 * API reports belongs on the page (a JSON pointer → the input that shows it).
 */
import { LANGUAGES, type Language, type LocalText, type Question, type QuestionRole, type SurveyDefinition } from '../../../../../api/src/model/definition.js';
import { QUESTION_ROLES } from '../../../../../api/src/model/definition.js';
import { createQuestion, type PresetId } from '../../../../../api/src/model/presets.js';
import { ROLE_REQUIREMENTS, roleMismatch } from '../../../../../api/src/model/roles.js';

/** One problem as the API reports it: in `problems` (path into the definition) or in a 422's fields (path from the body, /definition/…). */
export interface Problem {
  path: string;
  code?: string;
  message: string;
}

/** A deep copy that also works on Svelte's $state proxies. */
export const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const QUESTION_ID = /^[a-z][a-z0-9_]{0,62}$/;

export function isQuestionId(id: string): boolean {
  return QUESTION_ID.test(id);
}

/** An id no question of `questions` has: `base`, else base_2, base_3… (q1, q2… for new questions). */
export function freeId(questions: readonly Pick<Question, 'id'>[], base: string): string {
  const taken = new Set(questions.map((question) => question.id));
  if (base === 'q') {
    let n = questions.length + 1;
    while (taken.has(`q${n}`)) n++;
    return `q${n}`;
  }
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}_${n}`)) n++;
  return `${base}_${n}`;
}

/** The definition with a new question of `preset` at the end; its role is left out when another question already holds it. */
export function addQuestion(definition: SurveyDefinition, preset: PresetId): SurveyDefinition {
  const next = clone(definition);
  const question = createQuestion(preset, freeId(next.questions, 'q'));
  if (question.role && next.questions.some((other) => other.role === question.role)) delete question.role;
  next.questions.push(question);
  return next;
}

/** Without question `index`; show-ifs that pointed at it are dropped (they could never be met). */
export function removeQuestion(definition: SurveyDefinition, index: number): SurveyDefinition {
  const next = clone(definition);
  const [removed] = next.questions.splice(index, 1);
  if (removed) for (const question of next.questions) if (question.showIf?.questionId === removed.id) delete question.showIf;
  return next;
}

/** A copy of question `index` right after it, with a free id and no role (a role is held by one question). */
export function duplicateQuestion(definition: SurveyDefinition, index: number): SurveyDefinition {
  const next = clone(definition);
  const original = next.questions[index];
  if (!original) return next;
  const copy = clone(original);
  copy.id = freeId(next.questions, `${original.id}_copy`.slice(0, 63));
  delete copy.role;
  next.questions.splice(index + 1, 0, copy);
  return next;
}

/** Question `index` moved by `delta` places (−1 up, +1 down); out of range: unchanged. */
export function moveQuestion(definition: SurveyDefinition, index: number, delta: number): SurveyDefinition {
  const target = index + delta;
  if (target < 0 || target >= definition.questions.length || index < 0 || index >= definition.questions.length) return definition;
  const next = clone(definition);
  const [question] = next.questions.splice(index, 1);
  next.questions.splice(target, 0, question!);
  return next;
}

/** The roles a question can hold as it is (its type and range; the construct is set with the role). */
export function fittingRoles(question: Question): QuestionRole[] {
  return QUESTION_ROLES.filter((role) => {
    const construct = ROLE_REQUIREMENTS[role].construct ?? question.construct;
    return roleMismatch(role, { ...question, construct } as Question) === null;
  });
}

/** The question holding `role` (or none): a role that needs a construct sets it. */
export function withRole(question: Question, role: QuestionRole | null): Question {
  const next = clone(question);
  if (!role) {
    delete next.role;
    return next;
  }
  next.role = role;
  const construct = ROLE_REQUIREMENTS[role].construct;
  if (construct) next.construct = construct;
  return next;
}

/** The questions before `index` that a show-if may point at (not text: it has no fixed answer). */
export function showIfCandidates(definition: SurveyDefinition, index: number): Question[] {
  return definition.questions.slice(0, Math.max(0, index)).filter((question) => question.type !== 'text');
}

/** The answers a show-if on `question` can wait for: option values, or the numbers of a scale or short count. */
export function showIfValues(question: Question): (string | number)[] {
  switch (question.type) {
    case 'choice':
      return question.options.map((option) => option.value);
    case 'scale':
    case 'count': {
      const top = Math.min(question.max, question.min + 100);
      return Array.from({ length: top - question.min + 1 }, (_, i) => question.min + i);
    }
    case 'text':
      return [];
  }
}

export function surveyLanguagesOf(definition: Pick<SurveyDefinition, 'languages'>): Language[] {
  return [...(definition.languages ?? LANGUAGES)];
}

/** The languages of `languages` a text has nothing in. */
export function missingLanguages(text: LocalText, languages: readonly Language[]): Language[] {
  return languages.filter((language) => text[language].trim() === '');
}

/** A problem's path relative to the definition (a 422's fields start with /definition). */
export function definitionPath(path: string): string {
  return path.startsWith('/definition') ? path.slice('/definition'.length) : path;
}

/** The HTML id of the input that edits `path` (e.g. /questions/3/text/ru → f-questions-3-text-ru). */
export function fieldId(path: string): string {
  return `f${path.replaceAll('/', '-').replace(/[^A-Za-z0-9_-]/g, '_')}`;
}

const localPaths = (path: string) => LANGUAGES.map((language) => `${path}/${language}`);

/**
 * Every path the builder shows an input or a group for, in page order. A problem is shown at its own
 * path when it is here, else at the nearest one above it (the question, the list, the survey).
 */
export function fieldPaths(definition: SurveyDefinition): string[] {
  const paths = ['', ...localPaths('/title'), ...localPaths('/intro'), ...localPaths('/thankYou'), '/languages'];
  paths.push('/thresholds', '/thresholds/satisfaction', '/thresholds/emotional', '/thresholds/behavioural', '/questions');
  definition.questions.forEach((question, index) => {
    const at = `/questions/${index}`;
    paths.push(at, `${at}/id`, `${at}/construct`, `${at}/role`, `${at}/required`, `${at}/showIf`, `${at}/showIf/questionId`, `${at}/showIf/equals`);
    paths.push(...localPaths(`${at}/text`));
    switch (question.type) {
      case 'scale':
        paths.push(`${at}/min`, `${at}/max`, `${at}/reversed`, ...localPaths(`${at}/minLabel`), ...localPaths(`${at}/maxLabel`), `${at}/pointLabels`);
        (question.pointLabels ?? []).forEach((_, i) => paths.push(`${at}/pointLabels/${i}`, ...localPaths(`${at}/pointLabels/${i}`)));
        break;
      case 'count':
        paths.push(`${at}/min`, `${at}/max`);
        break;
      case 'choice':
        paths.push(`${at}/options`);
        question.options.forEach((_, i) => paths.push(`${at}/options/${i}`, `${at}/options/${i}/value`, ...localPaths(`${at}/options/${i}/label`)));
        break;
      case 'text':
        paths.push(`${at}/maxLength`);
        break;
    }
  });
  return paths;
}

/** The nearest shown path at or above `path`. */
export function placeOf(path: string, shown: ReadonlySet<string>): string {
  let at = definitionPath(path);
  while (at !== '' && !shown.has(at)) at = at.slice(0, at.lastIndexOf('/'));
  return at;
}

/** Problems by the path that shows them. */
export function placeProblems(problems: readonly Problem[], definition: SurveyDefinition): Map<string, Problem[]> {
  const shown = new Set(fieldPaths(definition));
  const placed = new Map<string, Problem[]>();
  for (const problem of problems) {
    const at = placeOf(problem.path, shown);
    placed.set(at, [...(placed.get(at) ?? []), problem]);
  }
  return placed;
}

/** Which question (index) a problem is about, or null for the survey's own fields. */
export function questionIndexOf(path: string): number | null {
  const match = /^\/questions\/(\d+)/.exec(definitionPath(path));
  return match ? Number(match[1]) : null;
}

/** A threshold 0..1 as the whole percent the form shows, and back. */
export const toPercent = (value: number) => Math.round(value * 100);
export const fromPercent = (percent: number) => Math.min(1, Math.max(0.01, percent / 100));
