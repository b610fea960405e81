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
import { compileScoring } from './scoring.js';
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
  /** Position of the show-if question in the same version, or -1 without a show-if. */
  condition: number;
  equals: unknown;
  /** Whether a stored answer fits the question (else it is read as unanswered). */
  fits: (answer: unknown) => boolean;
}

function fitsQuestion(question: Question): (answer: unknown) => boolean {
  switch (question.type) {
    case 'scale':
    case 'count':
      return (answer) => typeof answer === 'number' && Number.isInteger(answer) && answer >= question.min && answer <= question.max;
    case 'choice': {
      const options = new Set<unknown>(question.options.map((option) => option.value));
      return (answer) => options.has(answer);
    }
    default:
      return (answer) => typeof answer === 'string';
  }
}

/** The newest version's scale questions and role questions, in definition order. */
function trackedQuestions(definition: SurveyDefinition): Question[] {
  const model = compileScoring(definition);
  const ids = new Set<string>([...model.items.map((item) => item.id), ...Object.values(model.roleIds).filter((id): id is string => id !== null)]);
  return definition.questions.filter((question) => ids.has(question.id));
}

function compileVersion(definition: SurveyDefinition, trackedIndex: Map<string, number>): CompiledQuestion[] {
  const position = new Map(definition.questions.map((question, i) => [question.id, i]));
  return definition.questions.map((question) => ({
    id: question.id,
    tracked: trackedIndex.get(question.id) ?? -1,
    // A show-if naming no question of this version (a definition check refuses it) hides the question.
    condition: question.showIf ? (position.get(question.showIf.questionId) ?? Number.MAX_SAFE_INTEGER) : -1,
    equals: question.showIf?.equals,
    fits: fitsQuestion(question),
  }));
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
  const versions = sorted.map(({ definition }) => compileVersion(definition, trackedIndex));
  const shown = new Uint8Array(Math.max(0, ...versions.map((questions) => questions.length)));
  const asked = new Float64Array(tracked.length);
  const skipped = new Float64Array(tracked.length);
  return {
    add({ respondent, versionIndex }: ScoredRespondent) {
      const questions = versions[versionIndex >= 0 ? versionIndex : versions.length - 1]!;
      const answers = respondent.answers;
      for (let q = 0; q < questions.length; q++) {
        const question = questions[q]!;
        const condition = question.condition;
        const isShown =
          condition < 0 || (condition < q && shown[condition] === 1 && answers[questions[condition]!.id] === question.equals);
        shown[q] = isShown ? 1 : 0;
        const t = question.tracked;
        if (t < 0 || !isShown) continue;
        asked[t] = asked[t]! + 1;
        if (!question.fits(answers[question.id])) skipped[t] = skipped[t]! + 1;
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
