/**
 * How each segment answers the items that are not planted figures: the shapes that make a respondent
 * look like a loyal customer, a price hunter, and so on. Planted figures live in truths.ts.
 */
import type { Language } from '../../api/src/model/definition.js';
import type { PlantedSegment } from './truths.js';

export type Expectation = 'not_delivered' | 'partly' | 'as_expected' | 'exceeded';

export interface AnswerProfile {
  /** Chance of 5 rather than 4 on a 1–5 item that must scale ≥ 0.75. */
  topBoxChance: number;
  /** Weights of 1, 2, 3 on a 1–5 item that must scale < 0.75. */
  lowWeights: readonly [number, number, number];
  /** Weights of recommend 8, 9, 10 when E must be ≥ 0.75. */
  recommendHighWeights: readonly [number, number, number];
  /** Weights of recommend 0..7 when E must be < 0.75. */
  recommendLowWeights: readonly number[];
  /** Chance of two or more purchases in the 365 days before the survey when B must be low (always when B is high). */
  repeatChanceWhenBehaviourLow: number;
  /** Extra purchases in the 365 days before (besides the one surveyed) for repeat buyers. */
  priorPurchases: readonly [number, number];
  /** promo_decided = yes when the segment must not be discount dependent (price hunters always say yes). */
  promoChance: number;
  expectation: Record<Expectation, number>;
  /** Chance of 4–5 (rather than 1–3) on each loyalist-expectation item. */
  loyalistExpectationHighChance: number;
}

export const PROFILES: Record<PlantedSegment, AnswerProfile> = {
  loyal: {
    topBoxChance: 0.6,
    lowWeights: [0.2, 0.3, 0.5],
    recommendHighWeights: [0.15, 0.3, 0.55],
    recommendLowWeights: [0, 0, 0, 0, 0, 0.2, 0.3, 0.5],
    repeatChanceWhenBehaviourLow: 0.5,
    priorPurchases: [2, 9],
    promoChance: 0.15,
    expectation: { not_delivered: 0, partly: 0.05, as_expected: 0.5, exceeded: 0.45 },
    loyalistExpectationHighChance: 0.8,
  },
  price_hunter: {
    topBoxChance: 0.35,
    lowWeights: [0.3, 0.4, 0.3],
    recommendHighWeights: [0.5, 0.3, 0.2],
    recommendLowWeights: [0.02, 0.03, 0.05, 0.1, 0.15, 0.2, 0.25, 0.2],
    repeatChanceWhenBehaviourLow: 0.6,
    priorPurchases: [1, 5],
    promoChance: 1,
    expectation: { not_delivered: 0.05, partly: 0.3, as_expected: 0.55, exceeded: 0.1 },
    loyalistExpectationHighChance: 0.1,
  },
  satisfied_not_loyal: {
    topBoxChance: 0.4,
    lowWeights: [0.1, 0.3, 0.6],
    recommendHighWeights: [0.4, 0.4, 0.2],
    recommendLowWeights: [0, 0, 0.02, 0.03, 0.1, 0.2, 0.3, 0.35],
    repeatChanceWhenBehaviourLow: 0.35,
    priorPurchases: [1, 4],
    promoChance: 0.25,
    expectation: { not_delivered: 0, partly: 0.15, as_expected: 0.7, exceeded: 0.15 },
    loyalistExpectationHighChance: 0.3,
  },
  hostage: {
    topBoxChance: 0.3,
    lowWeights: [0.35, 0.4, 0.25],
    recommendHighWeights: [0.6, 0.3, 0.1],
    recommendLowWeights: [0.1, 0.1, 0.15, 0.15, 0.15, 0.15, 0.1, 0.1],
    repeatChanceWhenBehaviourLow: 0.5,
    priorPurchases: [1, 6],
    promoChance: 0.2,
    expectation: { not_delivered: 0.3, partly: 0.5, as_expected: 0.2, exceeded: 0 },
    loyalistExpectationHighChance: 0.1,
  },
  defector: {
    topBoxChance: 0.3,
    lowWeights: [0.45, 0.35, 0.2],
    recommendHighWeights: [0.6, 0.3, 0.1],
    recommendLowWeights: [0.2, 0.15, 0.15, 0.15, 0.12, 0.1, 0.08, 0.05],
    repeatChanceWhenBehaviourLow: 0.1,
    priorPurchases: [1, 3],
    promoChance: 0.2,
    expectation: { not_delivered: 0.4, partly: 0.45, as_expected: 0.15, exceeded: 0 },
    loyalistExpectationHighChance: 0.05,
  },
};

/** Answers to "the one thing we could do to keep you", by mood; a few respondents write one. */
export const COMMENTS: Record<'pleased' | 'upset', Record<Language, readonly string[]>> = {
  pleased: {
    en: ['Keep the quality exactly as it is.', 'Friendly staff, please keep them!', 'A small surprise now and then would be lovely.'],
    ru: ['Сохраните качество таким же.', 'Приветливый персонал, берегите его!', 'Иногда маленький сюрприз был бы приятен.'],
    et: ['Hoidke kvaliteet samal tasemel.', 'Sõbralik personal, hoidke neid!', 'Väike üllatus aeg-ajalt oleks tore.'],
    ka: ['შეინარჩუნეთ იგივე ხარისხი.', 'თანამშრომლები ძალიან თავაზიანები არიან.'],
  },
  upset: {
    en: ['Fix the problems before I go elsewhere.', 'Prices are too high for what you get.', 'Nobody answered my complaint.'],
    ru: ['Решите проблемы, пока я не ушёл к другим.', 'Цены слишком высоки за такое качество.', 'Никто не ответил на мою жалобу.'],
    et: ['Lahendage probleemid, enne kui lähen mujale.', 'Hinnad on liiga kõrged.', 'Keegi ei vastanud mu kaebusele.'],
    ka: ['ფასები ძალიან მაღალია.', 'ჩემს საჩივარს არავინ უპასუხა.'],
  },
};
