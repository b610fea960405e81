/**
 * Which template questions a population answers, read from the template itself so that scales,
 * required flags and showIf rules cannot drift from what the generator assumes.
 */
import type { Construct, Question } from '../../api/src/model/definition.js';
import { QUESTIONS, SHORT_IDS } from '../../api/src/model/template.js';

export type QuestionSetName = 'full' | 'short';

/** The constructs that decide a segment and may be missing (DESIGN.md: fewer than half the items answered). */
export type SegmentConstruct = 'satisfaction' | 'emotional' | 'behavioural';

export interface QuestionSet {
  ids: readonly string[];
  questions: readonly Question[];
  /** Ids the respondent page will not submit without. */
  required: ReadonlySet<string>;
  /** Ids of the set's questions in each segment construct. */
  constructItems: Record<SegmentConstruct, readonly string[]>;
  /** Constructs that go missing when every optional item of theirs is skipped (none if all are required). */
  unclassifiable: readonly SegmentConstruct[];
}

const SEGMENT_CONSTRUCTS: readonly SegmentConstruct[] = ['satisfaction', 'emotional', 'behavioural'];

function build(ids: readonly string[]): QuestionSet {
  const questions = ids.map((id) => {
    const question = QUESTIONS[id];
    if (!question) throw new Error(`the template has no question ${id}`);
    return question;
  });
  const itemsOf = (construct: Construct) => questions.filter((q) => q.construct === construct).map((q) => q.id);
  const constructItems = {
    satisfaction: itemsOf('satisfaction'),
    emotional: itemsOf('emotional'),
    behavioural: itemsOf('behavioural'),
  };
  // Only S and E are ever left missing on purpose: B also gains the observed-repeat item from purchases.
  const unclassifiable = SEGMENT_CONSTRUCTS.filter((construct) => {
    if (construct === 'behavioural') return false;
    const items = constructItems[construct];
    const requiredCount = items.filter((id) => QUESTIONS[id]?.required).length;
    return items.length > 0 && requiredCount < items.length / 2;
  });
  const required = new Set(questions.filter((q) => q.required).map((q) => q.id));
  return { ids, questions, required, constructItems, unclassifiable };
}

const FULL = build(Object.keys(QUESTIONS));
const SHORT = build(SHORT_IDS);

export function questionSet(name: QuestionSetName): QuestionSet {
  return name === 'full' ? FULL : SHORT;
}
