/**
 * How the respondent page splits a survey into screens, and how long the intro says it takes.
 * Pure: the web page and any server code call the same functions on the same definition.
 */
import type { Construct, Question, SurveyDefinition } from './definition.js';

/** One screen of the respondent page: consecutive questions that belong together. */
export interface SurveyStep {
  questions: Question[];
}

/** A survey this short is answered on one screen: paging through it would only add taps. */
export const ONE_SCREEN_MAX_QUESTIONS = 8;
/** A screen with more questions than this is split (a phone shows about this many without a long scroll). */
export const STEP_MAX_QUESTIONS = 6;
/** A screen with fewer questions than this joins a neighbour. */
const STEP_MIN_QUESTIONS = 2;

/** Constructs asked about together: the purchase and what it gave, then the ties, then the habits. */
const SCREEN_OF_CONSTRUCT: Record<Construct, string> = {
  satisfaction: 'experience',
  exchange: 'experience',
  emotional: 'emotional',
  behavioural: 'behaviour',
  discount: 'behaviour',
  recovery: 'recovery',
  word_of_mouth: 'word_of_mouth',
  loyalist_expectations: 'loyalist_expectations',
  open: 'open',
};

/** `items` in `parts` runs of sizes that differ by at most one, in order. */
function balancedChunks<T>(items: T[], parts: number): T[][] {
  const chunks: T[][] = [];
  let start = 0;
  for (let part = 0; part < parts; part += 1) {
    const size = Math.floor(items.length / parts) + (part < items.length % parts ? 1 : 0);
    chunks.push(items.slice(start, start + size));
    start += size;
  }
  return chunks;
}

/**
 * The screens of a survey, in question order: consecutive questions whose constructs are asked
 * together form one screen (split when longer than STEP_MAX_QUESTIONS), a show-if question stays on
 * the screen of the question it depends on, and a screen of one question joins its smaller
 * neighbour. A survey of at most ONE_SCREEN_MAX_QUESTIONS questions is one screen.
 * @example surveySteps(fullTemplate()).map((s) => s.questions.length) // => [5, 3, 5, 3, 2, 5]
 */
export function surveySteps(definition: Pick<SurveyDefinition, 'questions'>): SurveyStep[] {
  const { questions } = definition;
  if (questions.length <= ONE_SCREEN_MAX_QUESTIONS) return [{ questions: [...questions] }];

  const runs: Question[][] = [];
  for (const question of questions) {
    const last = runs.at(-1);
    if (last && SCREEN_OF_CONSTRUCT[last[0]!.construct] === SCREEN_OF_CONSTRUCT[question.construct]) last.push(question);
    else runs.push([question]);
  }
  let groups = runs.flatMap((run) => balancedChunks(run, Math.ceil(run.length / STEP_MAX_QUESTIONS)));

  // A show-if question joins the screen of the question it depends on (with every screen between).
  for (let index = 0; index < groups.length; index += 1) {
    for (const question of groups[index]!) {
      const dependsOn = question.showIf?.questionId;
      const home = groups.findIndex((group) => group.some((q) => q.id === dependsOn));
      if (home !== -1 && home < index) {
        groups = [...groups.slice(0, home), groups.slice(home, index + 1).flat(), ...groups.slice(index + 1)];
        index = home - 1; // look at the merged screen again: it may hold another show-if
        break;
      }
    }
  }

  // A lone question joins the smaller neighbour (the earlier one on a tie).
  for (let index = 0; index < groups.length && groups.length > 1; ) {
    if (groups[index]!.length >= STEP_MIN_QUESTIONS) {
      index += 1;
      continue;
    }
    const before = groups[index - 1];
    const after = groups[index + 1];
    const into = !after || (before && before.length <= after.length) ? index - 1 : index + 1;
    const [first, second] = into < index ? [into, index] : [index, into];
    groups = [...groups.slice(0, first), [...groups[first]!, ...groups[second]!], ...groups.slice(second + 1)];
    index = first;
  }
  return groups.map((group) => ({ questions: group }));
}

/** Seconds a respondent takes for one question of each type (reading it and answering). */
const SECONDS_PER_QUESTION: Record<Question['type'], number> = { scale: 7, choice: 7, count: 12, text: 45 };

/**
 * Whole minutes the survey takes, rounded up, at least 1: the sum of each question's time, show-if
 * questions included (the intro promises no less than it may take).
 * @example estimateMinutes(fullTemplate()) // => 4
 */
export function estimateMinutes(definition: Pick<SurveyDefinition, 'questions'>): number {
  const seconds = definition.questions.reduce((sum, question) => sum + SECONDS_PER_QUESTION[question.type], 0);
  return Math.max(1, Math.ceil(seconds / 60));
}
