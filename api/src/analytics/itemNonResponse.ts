/**
 * Item non-response: for each item of the newest version — its scale questions and the questions
 * holding a role (model/roles.ts) — how many respondents were asked it and the share who skipped it
 * (Wilson). Asked = the respondent's version has a question with that id and showed it: a question
 * with a show-if (problem_resolved after had_problem = yes) was shown only when its condition held,
 * by the same rule as model/answers.ts `shownQuestionIds`. An answer that does not fit its question
 * (a damaged row) counts as skipped, as every other part of the report reads it as unanswered.
 * Memory: two counters per item.
 */
import type { Question, SurveyDefinition } from '../model/definition.js';
import type { AnalyticsWarning } from './result.js';
import type { MergeableAccumulator, ScoredRespondent } from './scoredRespondent.js';
import { compileScoring, type ScoredItem } from './scoring.js';
import type { VersionDefinition } from './surveyScoring.js';
import { shareOf, type ShareResult } from './wilson.js';

export interface ItemNonResponseItem {
  /** The question id. */
  item: string;
  /** Whether the newest version shows it only under a condition (show-if). */
  conditional: boolean;
  /** Respondents whose version has the question and showed it. */
  asked: number;
  /** Skipped among the asked, Wilson 95%. */
  skipped: ShareResult;
}

export interface ItemNonResponseResult {
  /** In the newest version's question order. */
  items: ItemNonResponseItem[];
  warnings: AnalyticsWarning[];
}

/** asked and skipped per item, in `items` order, JSON-safe. */
export type ItemNonResponseState = { asked: number[]; skipped: number[] };

interface CompiledQuestion {
  id: string;
  /** Position among the tracked items, or -1. */
  tracked: number;
  /**
   * Index into `ScoredRespondent.itemScores` (the newest layout, NaN when unanswered or not fitting)
   * for a scale item asked unconditionally on the newest version's scale, read instead of the answer; else -1.
   */
  itemScore: number;
  /** Position of the show-if question in the same version, or -1 without a show-if. */
  condition: number;
  equals: unknown;
  /** 0 scale or count (a whole number min..max), 1 choice (one of `options`), 2 text. */
  kind: 0 | 1 | 2;
  min: number;
  max: number;
  options: readonly unknown[];
}

/** Whether a stored answer fits the question; one that does not is read as unanswered. */
function fits(question: CompiledQuestion, answer: unknown): boolean {
  if (answer === undefined || answer === null) return false;
  if (question.kind === 0) return typeof answer === 'number' && Number.isInteger(answer) && answer >= question.min && answer <= question.max;
  if (question.kind === 1) return question.options.includes(answer);
  return typeof answer === 'string';
}

/** The newest version's scale questions and role questions, in definition order. */
function trackedQuestions(definition: SurveyDefinition): Question[] {
  const model = compileScoring(definition);
  const ids = new Set<string>([...model.items.map((item) => item.id), ...Object.values(model.roleIds).filter((id): id is string => id !== null)]);
  return definition.questions.filter((question) => ids.has(question.id));
}

function compileVersion(definition: SurveyDefinition, trackedIndex: Map<string, number>, newestItems: readonly ScoredItem[]): CompiledQuestion[] {
  const conditions = new Set(definition.questions.flatMap((question) => (question.showIf ? [question.showIf.questionId] : [])));
  const newestIndex = new Map(newestItems.map((item, i) => [item.id, i]));
  const compiled: CompiledQuestion[] = [];
  const position = new Map<string, number>();
  // Only what is counted, or decides whether something is shown, is read per respondent.
  for (const question of definition.questions) {
    const tracked = trackedIndex.get(question.id) ?? -1;
    if (tracked < 0 && !conditions.has(question.id)) continue;
    const newest = newestIndex.get(question.id);
    const sameScale =
      question.type === 'scale' && newest !== undefined && newestItems[newest]!.min === question.min && newestItems[newest]!.max === question.max;
    const range = question.type === 'scale' || question.type === 'count' ? question : { min: 0, max: 0 };
    position.set(question.id, compiled.length);
    compiled.push({
      id: question.id,
      tracked,
      itemScore: sameScale && !question.showIf && tracked >= 0 ? newest! : -1,
      // A show-if naming no earlier question of this version (a definition check refuses it) hides the question.
      condition: question.showIf ? (position.get(question.showIf.questionId) ?? Number.MAX_SAFE_INTEGER) : -1,
      equals: question.showIf?.equals,
      kind: question.type === 'choice' ? 1 : question.type === 'text' ? 2 : 0,
      min: range.min,
      max: range.max,
      options: question.type === 'choice' ? question.options.map((option) => option.value) : [],
    });
  }
  return compiled;
}

/**
 * Accumulate asked and skipped counts; `survey` is what `createSegmentReport` was given, so
 * `ScoredRespondent.versionIndex` finds the respondent's own version (an unknown version: the newest).
 *
 * @example
 * const nonResponse = createItemNonResponse(fullTemplate());
 * scored.forEach(nonResponse.add);
 * nonResponse.finish().items.find((i) => i.item === 'problem_resolved')?.asked; // those who had a problem
 */
export function createItemNonResponse(
  survey: SurveyDefinition | readonly VersionDefinition[],
): MergeableAccumulator<ItemNonResponseResult, ItemNonResponseState> {
  const given = Array.isArray(survey) ? (survey as readonly VersionDefinition[]) : [{ version: 1, definition: survey as SurveyDefinition }];
  // The order of compileSurveyScoring, which `versionIndex` indexes.
  const sorted = [...given].sort((a, b) => a.version - b.version);
  const newest = sorted.at(-1)!.definition;
  const tracked = trackedQuestions(newest);
  const trackedIndex = new Map(tracked.map((question, i) => [question.id, i]));
  const newestItems = compileScoring(newest).items;
  const versions = sorted.map(({ definition }) => compileVersion(definition, trackedIndex, newestItems));
  const shown = new Uint8Array(Math.max(0, ...versions.map((questions) => questions.length)));
  const asked = new Float64Array(tracked.length);
  const skipped = new Float64Array(tracked.length);
  return {
    add({ respondent, versionIndex, itemScores }: ScoredRespondent) {
      const questions = versions[versionIndex >= 0 ? versionIndex : versions.length - 1]!;
      const answers = respondent.answers;
      for (let q = 0; q < questions.length; q++) {
        const question = questions[q]!;
        const t = question.tracked;
        const itemScore = question.itemScore;
        if (itemScore >= 0) {
          // An unconditional scale item: shown to everyone, skipped when its item score is NaN.
          shown[q] = 1;
          asked[t] = asked[t]! + 1;
          if (itemScores[itemScore] !== itemScores[itemScore]) skipped[t] = skipped[t]! + 1;
          continue;
        }
        const condition = question.condition;
        const isShown =
          condition < 0 || (condition < q && shown[condition] === 1 && answers[questions[condition]!.id] === question.equals);
        shown[q] = isShown ? 1 : 0;
        if (t < 0 || !isShown) continue;
        asked[t] = asked[t]! + 1;
        if (!fits(question, answers[question.id])) skipped[t] = skipped[t]! + 1;
      }
    },
    finish: () => ({
      items: tracked.map((question, t) => ({
        item: question.id,
        conditional: question.showIf !== undefined,
        asked: asked[t]!,
        skipped: shareOf(skipped[t]!, asked[t]!),
      })),
      warnings: [],
    }),
    state: () => ({ asked: Array.from(asked), skipped: Array.from(skipped) }),
    merge(state: ItemNonResponseState) {
      if (state.asked?.length !== tracked.length || state.skipped?.length !== tracked.length) {
        throw new RangeError(`An item non-response state holds ${tracked.length} asked and skipped counts.`);
      }
      for (let t = 0; t < tracked.length; t++) {
        asked[t] = asked[t]! + state.asked[t]!;
        skipped[t] = skipped[t]! + state.skipped[t]!;
      }
    },
  };
}
