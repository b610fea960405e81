/**
 * Construct scores S, E, B, discount dependence D and exchange type for one respondent
 * (DESIGN.md "Scores and segments"). Everything is read from the survey definition — items by
 * construct, key questions by role (model/roles.ts), never by id — so the full and the short template
 * and any custom definition score the same way.
 */
import { QUESTION_ROLES, type Answers, type Construct, type QuestionRole, type ScaleQuestion, type SurveyDefinition } from '../model/definition.js';
import { resolveRoles, type ResolvedRoles } from '../model/roles.js';

const DAY_MS = 86_400_000;
/** "Two or more purchases in the 365 days before the survey" joins B as one more item. */
export const REPEAT_PURCHASE_WINDOW_DAYS = 365;
export const REPEAT_PURCHASE_MIN_COUNT = 2;
/** Retained = any purchase within 180 days after the survey (an outcome, never an input). */
export const RETENTION_WINDOW_DAYS = 180;

/** The three constructs that make a segment. */
export type ScoredConstruct = 'satisfaction' | 'emotional' | 'behavioural';
export const SCORED_CONSTRUCTS: readonly ScoredConstruct[] = ['satisfaction', 'emotional', 'behavioural'];

export type ExchangeType = 'criminal' | 'partial' | 'equal' | 'pleasant_surprise';
/** The answer values of the `exchange` question and the exchange they describe, worst to best. */
export const EXCHANGE_TYPES: Readonly<Record<string, ExchangeType>> = {
  not_delivered: 'criminal',
  partly: 'partial',
  as_expected: 'equal',
  exceeded: 'pleasant_surprise',
};
export const EXCHANGE_ORDER: readonly ExchangeType[] = ['criminal', 'partial', 'equal', 'pleasant_surprise'];

/** Purchase history of one respondent, where it was imported. Times are milliseconds since the epoch. */
export interface PurchaseHistory {
  /** Every known purchase, before and after the survey, in any order. */
  purchasedAt: readonly number[];
  /**
   * History is complete up to this time. When the 180 days after the survey are not over yet and no
   * purchase was seen, retention is unknown (null) rather than "not retained". Absent: complete.
   */
  observedUntil?: number;
}

/** One respondent as the analytics module sees it. */
export interface Respondent {
  answers: Answers;
  /** The survey version the answers were given to (surveyScoring.ts); absent: the newest version of the report. */
  version?: number;
  /** When the survey was answered, ms since the epoch. Needed for purchase history and change events. */
  surveyedAt?: number;
  purchases?: PurchaseHistory;
}

/** The scores of one respondent. Scores are 0..1 rounded to 12 decimals, null when missing. */
export interface RespondentScores {
  satisfaction: number | null;
  emotional: number | null;
  behavioural: number | null;
  /** D: promo_decided = yes and full_price_return scaled below 0.5; null when that cannot be told. */
  discountDependent: boolean | null;
  exchange: ExchangeType | null;
  /** Observed repeat purchase item (1/0) that joined B; null without purchase history. */
  repeatPurchase: 0 | 1 | null;
  /** Purchased within 180 days after the survey; null without history or before the window closes. */
  retained: boolean | null;
  /** Constructs left missing because fewer than half of their items were answered (TOO_FEW_ITEMS). */
  tooFewItems: readonly ScoredConstruct[];
  /**
   * Answers the analysis reads that do not fit their question (outside the scale, not a whole number,
   * not one of the options, the wrong type): a damaged stored row. Each is read as unanswered.
   */
  damagedAnswers: number;
}

/** A scale question prepared for scoring. */
export interface ScoredItem {
  id: string;
  construct: Construct;
  min: number;
  max: number;
  reversed: boolean;
}

/** A choice or count question the analysis reads by its role, checked on every respondent (`damagedAnswers`). */
export interface RoleAnswerCheck {
  id: string;
  /** A choice's option values; null for a count. */
  options: readonly string[] | null;
  /** A count's range. */
  min: number;
  max: number;
}

/** A definition compiled once for fast scoring of many respondents. */
export interface ScoringModel {
  /** Every scale question of the definition, in definition order. */
  items: readonly ScoredItem[];
  /** Indexes into `items` of each scored construct's items. */
  constructItems: Readonly<Record<ScoredConstruct, readonly number[]>>;
  /** The question holding each role (model/roles.ts resolveRoles): the analysis finds key questions only here. */
  roles: ResolvedRoles;
  /** The id of the question holding each role, null where none does. */
  roleIds: Readonly<Record<QuestionRole, string | null>>;
  /** The promo_decided question. */
  promoDecidedId: string | null;
  /** Index into `items` of the full_price_return scale. */
  fullPriceReturnIndex: number | null;
  /** The expectation (exchange) question. */
  exchangeId: string | null;
  /**
   * Index into `items` of the overall-satisfaction level question whose levels the CSAT, the curve,
   * word of mouth and retention use: the overall_satisfaction role, else the first satisfaction
   * scale; null when there is none.
   */
  levelIndex: number | null;
  /**
   * The role questions checked for damaged answers besides the scale items and the two choices
   * scoring reads anyway (promo_decided, expectation), in definition order.
   */
  roleAnswerChecks: readonly RoleAnswerCheck[];
}

/**
 * Round to 12 decimal places so that scores equal in exact arithmetic compare equal
 * (DESIGN.md: 0.8 + 0.7 must equal 1.5). Applied before every threshold comparison and ranking.
 *
 * @example
 * roundScore((0.1 + 0.2) / 2) === roundScore(0.15); // => true
 */
export function roundScore(value: number): number {
  return Math.round(value * 1e12) / 1e12;
}

/**
 * Item scaling to 0..1: (x − min) / (max − min), or (max − x) / (max − min) when the item is reversed.
 * NaN for an answer that does not fit the scale (outside it, or not a whole number): answers are
 * checked at ingest, so such an answer comes from a damaged row, and it counts as unanswered.
 *
 * @example
 * scaleItem({ id: 'sat_overall', construct: 'satisfaction', min: 1, max: 5, reversed: false }, 4); // => 0.75
 */
export function scaleItem(item: ScoredItem, answer: number): number {
  if (!(answer >= item.min && answer <= item.max && Number.isInteger(answer))) return Number.NaN;
  const range = item.max - item.min;
  return item.reversed ? (item.max - answer) / range : (answer - item.min) / range;
}

/** Whether a stored answer fits a count question: a whole number within its range. */
export function fitsCount(answer: unknown, question: { min: number; max: number }): answer is number {
  return typeof answer === 'number' && answer >= question.min && answer <= question.max && Number.isInteger(answer);
}

/**
 * Prepare a definition for scoring: which scale items belong to S, E and B, and which questions hold
 * the roles the analysis reads (discount dependence, the exchange type, the satisfaction level, …).
 *
 * @example
 * const model = compileScoring(fullTemplate());
 * model.constructItems.emotional.map((i) => model.items[i]!.id); // => ['recommend', 'feel_loss', 'speak_positively']
 * model.roleIds.recommend; // => 'recommend'
 */
export function compileScoring(definition: SurveyDefinition): ScoringModel {
  const scales = definition.questions.filter((q): q is ScaleQuestion => q.type === 'scale');
  const items: ScoredItem[] = scales.map((q) => ({
    id: q.id,
    construct: q.construct,
    min: q.min,
    max: q.max,
    reversed: q.reversed === true,
  }));
  const indexesOf = (construct: Construct): number[] =>
    items.flatMap((item, index) => (item.construct === construct ? [index] : []));
  const itemIndex = (question: ScaleQuestion | undefined): number | null => {
    const index = question ? scales.indexOf(question) : -1;
    return index >= 0 ? index : null;
  };
  const roles = resolveRoles(definition);
  const roleIds = Object.fromEntries(QUESTION_ROLES.map((role) => [role, roles[role]?.id ?? null])) as Record<QuestionRole, string | null>;
  const roleQuestions = new Set<unknown>(Object.values(roles));
  roleQuestions.delete(roles.promo_decided);
  roleQuestions.delete(roles.expectation);
  const roleAnswerChecks = definition.questions.flatMap((q): RoleAnswerCheck[] => {
    if (!roleQuestions.has(q)) return [];
    if (q.type === 'choice') return [{ id: q.id, options: q.options.map((o) => o.value), min: 0, max: 0 }];
    if (q.type === 'count') return [{ id: q.id, options: null, min: q.min, max: q.max }];
    return [];
  });
  return {
    items,
    constructItems: {
      satisfaction: indexesOf('satisfaction'),
      emotional: indexesOf('emotional'),
      behavioural: indexesOf('behavioural'),
    },
    roles,
    roleIds,
    promoDecidedId: roleIds.promo_decided,
    fullPriceReturnIndex: itemIndex(roles.full_price_return),
    exchangeId: roleIds.expectation,
    levelIndex: itemIndex(roles.overall_satisfaction ?? scales.find((q) => q.construct === 'satisfaction')),
    roleAnswerChecks,
  };
}

/**
 * Fill `target` with every item's 0..1 score in `model.items` order: NaN when unanswered, and NaN
 * for an answer that does not fit its item (a damaged row; never an exception). Returns how many
 * answers did not fit.
 *
 * @example
 * const scores = new Float64Array(model.items.length);
 * scoreItems(model, { sat_overall: 5, sat_product: 9 }, scores); // => 1; scores[0] === 1, the rest NaN
 */
export function scoreItems(model: ScoringModel, answers: Answers, target: Float64Array): number {
  const items = model.items;
  let damaged = 0;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const answer = answers[item.id];
    if (answer === undefined || answer === null) {
      target[i] = Number.NaN;
    } else {
      const score = typeof answer === 'number' ? scaleItem(item, answer) : Number.NaN;
      if (score !== score) damaged++;
      target[i] = score;
    }
  }
  return damaged;
}

/** How many of the role questions' answers (choices, counts) do not fit their question. */
function damagedRoleAnswers(model: ScoringModel, answers: Answers): number {
  const checks = model.roleAnswerChecks;
  let damaged = 0;
  for (let c = 0; c < checks.length; c++) {
    const check = checks[c]!;
    const answer = answers[check.id];
    if (answer === undefined || answer === null) continue;
    const options = check.options;
    if (options === null) {
      if (!(typeof answer === 'number' && answer >= check.min && answer <= check.max && Number.isInteger(answer))) damaged++;
    } else {
      let fits = false;
      for (let o = 0; o < options.length; o++) if (options[o] === answer) fits = true;
      if (!fits) damaged++;
    }
  }
  return damaged;
}

/**
 * Observed repeat purchase: 1 when there were at least two purchases in the 365 days up to and
 * including the survey time, else 0. Purchases after the survey are never counted.
 *
 * @example
 * repeatPurchaseItem(Date.UTC(2024, 5, 1), [Date.UTC(2024, 0, 5), Date.UTC(2024, 4, 30)]); // => 1
 */
export function repeatPurchaseItem(surveyedAt: number, purchasedAt: readonly number[]): 0 | 1 {
  const from = surveyedAt - REPEAT_PURCHASE_WINDOW_DAYS * DAY_MS;
  let count = 0;
  for (const time of purchasedAt) {
    if (time >= from && time <= surveyedAt) count++;
  }
  return count >= REPEAT_PURCHASE_MIN_COUNT ? 1 : 0;
}

/**
 * 180-day retention: true when any purchase falls in (surveyedAt, surveyedAt + 180 days]; false when
 * none did; null when the window is not over yet by `observedUntil`, even when a purchase was already
 * seen in it: counting the early returners while leaving out those not back yet would overstate
 * retention (with half the year still open the demo's satisfied-not-loyal read 60 % retained instead of
 * the planted 50 %).
 *
 * @example
 * retainedWithin180Days(Date.UTC(2024, 0, 1), { purchasedAt: [Date.UTC(2024, 2, 1)] }); // => true
 */
export function retainedWithin180Days(surveyedAt: number, history: PurchaseHistory): boolean | null {
  const until = surveyedAt + RETENTION_WINDOW_DAYS * DAY_MS;
  if (history.observedUntil !== undefined && history.observedUntil < until) return null;
  for (const time of history.purchasedAt) {
    if (time > surveyedAt && time <= until) return true;
  }
  return false;
}

/**
 * Mean of the answered items of a construct when at least half are answered, else null
 * (DESIGN.md "A construct score is the mean of its answered items when at least half of them are
 * answered"). `extra` is an additional 0/1 item (observed repeat purchase for B), or null.
 */
function constructScore(itemScores: Float64Array, indexes: readonly number[], extra: number | null): number | null {
  let answered = 0;
  let sum = 0;
  for (const index of indexes) {
    const value = itemScores[index]!;
    if (value === value) {
      answered++;
      sum += value;
    }
  }
  let total = indexes.length;
  if (extra !== null) {
    total++;
    answered++;
    sum += extra;
  }
  if (total === 0 || answered * 2 < total) return null;
  return roundScore(sum / answered);
}

/** Shared by every respondent with all three constructs scored: no allocation per respondent. */
const NONE_MISSING: readonly ScoredConstruct[] = Object.freeze([]);

/**
 * Score one respondent: S, E, B (mean of answered 0..1 items, at least half answered, rounded to 12
 * decimals), D, exchange type, the observed repeat-purchase item and the 180-day retention outcome.
 * Pass `itemScores` (length `model.items.length`) to reuse a buffer and read the item scores after.
 *
 * @example
 * const model = compileScoring(shortTemplate());
 * scoreRespondent(model, { answers: { sat_overall: 5, recommend: 9, repurchase: 4, stay_vs_competitor: 5, promo_decided: 'no' } });
 * // => { satisfaction: 1, emotional: 0.9, behavioural: 0.875, discountDependent: false, exchange: null, … }
 */
export function scoreRespondent(
  model: ScoringModel,
  respondent: Respondent,
  itemScores: Float64Array = new Float64Array(model.items.length),
): RespondentScores {
  const answers = respondent.answers;
  let damagedAnswers = scoreItems(model, answers, itemScores) + damagedRoleAnswers(model, answers);

  let repeatPurchase: 0 | 1 | null = null;
  let retained: boolean | null = null;
  if (respondent.purchases !== undefined) {
    if (respondent.surveyedAt === undefined) {
      throw new TypeError('A respondent with purchase history needs surveyedAt to tell purchases before from after.');
    }
    repeatPurchase = repeatPurchaseItem(respondent.surveyedAt, respondent.purchases.purchasedAt);
    retained = retainedWithin180Days(respondent.surveyedAt, respondent.purchases);
  }

  const satisfaction = constructScore(itemScores, model.constructItems.satisfaction, null);
  const emotional = constructScore(itemScores, model.constructItems.emotional, null);
  const behavioural = constructScore(itemScores, model.constructItems.behavioural, repeatPurchase);
  // A construct the definition does not ask about at all is missing, but not for too few answers.
  let tooFewItems: readonly ScoredConstruct[] = NONE_MISSING;
  if (satisfaction === null || emotional === null || behavioural === null) {
    const items = model.constructItems;
    const missing: ScoredConstruct[] = [];
    if (satisfaction === null && items.satisfaction.length > 0) missing.push('satisfaction');
    if (emotional === null && items.emotional.length > 0) missing.push('emotional');
    if (behavioural === null && items.behavioural.length > 0) missing.push('behavioural');
    tooFewItems = missing;
  }

  let discountDependent: boolean | null = null;
  if (model.promoDecidedId !== null) {
    const promo = answers[model.promoDecidedId];
    if (promo === 'no') {
      discountDependent = false;
    } else if (promo === 'yes') {
      const fullPrice = model.fullPriceReturnIndex === null ? Number.NaN : itemScores[model.fullPriceReturnIndex]!;
      if (fullPrice === fullPrice) discountDependent = roundScore(fullPrice) < 0.5;
    } else if (promo !== undefined && promo !== null) {
      damagedAnswers++;
    }
  }

  let exchange: ExchangeType | null = null;
  if (model.exchangeId !== null) {
    const answer = answers[model.exchangeId];
    // Own keys only: a damaged answer such as 'toString' is no exchange type.
    if (typeof answer === 'string' && Object.hasOwn(EXCHANGE_TYPES, answer)) exchange = EXCHANGE_TYPES[answer]!;
    else if (answer !== undefined && answer !== null) damagedAnswers++;
  }

  return { satisfaction, emotional, behavioural, discountDependent, exchange, repeatPurchase, retained, tooFewItems, damagedAnswers };
}
