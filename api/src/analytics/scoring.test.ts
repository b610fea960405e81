import { describe, expect, it } from 'vitest';
import { fullTemplate, shortTemplate } from '../model/template.js';
import type { SurveyDefinition } from '../model/definition.js';
import {
  compileScoring,
  repeatPurchaseItem,
  retainedWithin180Days,
  roundScore,
  scaleItem,
  scoreRespondent,
  type ScoredItem,
} from './scoring.js';

const DAY = 86_400_000;
const SURVEYED = Date.UTC(2024, 5, 1);
const full = compileScoring(fullTemplate());
const short = compileScoring(shortTemplate());

describe('scaleItem', () => {
  const item: ScoredItem = { id: 'x', construct: 'satisfaction', min: 1, max: 5, reversed: false };
  it.each([
    [1, 0],
    [2, 0.25],
    [3, 0.5],
    [4, 0.75],
    [5, 1],
  ])('scales %d on 1–5 to %d', (answer, expected) => {
    expect(scaleItem(item, answer)).toBe(expected);
  });
  it('reverses an item that says so', () => {
    expect(scaleItem({ ...item, reversed: true }, 2)).toBe(0.75);
  });
  it('scales recommend 0–10 by tenths', () => {
    expect(scaleItem({ ...item, min: 0, max: 10 }, 7)).toBe(0.7);
  });
  it.each([6, 0, 2.5, Number.NaN])('reads %d, which does not fit 1–5, as unanswered (NaN) instead of throwing', (answer) => {
    expect(scaleItem(item, answer)).toBeNaN();
  });
});

describe('roundScore', () => {
  it('makes 0.1 + 0.2 equal 0.3', () => {
    expect(0.1 + 0.2 === 0.3).toBe(false);
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
  });
  it('makes (0.7 + 0.8) / 2 land exactly on 0.75', () => {
    expect(roundScore((0.7 + 0.8) / 2)).toBe(0.75);
  });
});

describe('compileScoring', () => {
  it('reads constructs from the full template', () => {
    const ids = (indexes: readonly number[]) => indexes.map((i) => full.items[i]!.id);
    expect(ids(full.constructItems.satisfaction)).toEqual(['sat_overall', 'sat_product', 'sat_service', 'sat_price']);
    expect(ids(full.constructItems.emotional)).toEqual(['recommend', 'feel_loss', 'speak_positively']);
    expect(ids(full.constructItems.behavioural)).toEqual(['repurchase', 'share_of_wallet', 'stay_vs_competitor']);
    expect(full.promoDecidedId).toBe('promo_decided');
    expect(full.items[full.fullPriceReturnIndex!]!.id).toBe('full_price_return');
    expect(full.exchangeId).toBe('expectation');
  });
  it('reads constructs from the short template', () => {
    expect(short.constructItems.satisfaction.length).toBe(1);
    expect(short.constructItems.emotional.length).toBe(1);
    expect(short.constructItems.behavioural.length).toBe(2);
    expect(short.exchangeId).toBeNull();
  });
});

describe('scoreRespondent: construct scores', () => {
  it.each([
    ['all four S items', { sat_overall: 5, sat_product: 4, sat_service: 3, sat_price: 2 }, 0.625],
    ['two of four S items (exactly half)', { sat_overall: 5, sat_product: 4 }, 0.875],
    ['one of four S items (too few)', { sat_overall: 5 }, null],
    ['no S items', {}, null],
  ])('S from %s', (_name, answers, expected) => {
    expect(scoreRespondent(full, { answers }).satisfaction).toBe(expected);
  });

  it('scores E with recommend on 0–10 and rounds 0.7 and 0.8 to an exact 0.75', () => {
    // recommend 8 → 0.8, feel_loss 4 → 0.75, speak_positively unanswered; (0.8 + 0.75) / 2 = 0.775
    expect(scoreRespondent(full, { answers: { recommend: 8, feel_loss: 4 } }).emotional).toBe(0.775);
    // recommend 7 → 0.7 and 0.8 from a 0–10 custom item: the mean is exactly 0.75 after rounding
    expect(scoreRespondent(full, { answers: { recommend: 7, feel_loss: 5, speak_positively: 3 } }).emotional).toBe(
      roundScore((0.7 + 1 + 0.5) / 3),
    );
  });

  it('tracks TOO_FEW_ITEMS per construct', () => {
    const scores = scoreRespondent(full, { answers: { sat_overall: 5, recommend: 9, feel_loss: 5, repurchase: 5 } });
    expect(scores.tooFewItems).toEqual(['satisfaction', 'behavioural']);
  });

  it('scores the short template from its own items', () => {
    const scores = scoreRespondent(short, {
      answers: { sat_overall: 5, recommend: 9, repurchase: 4, stay_vs_competitor: 5, promo_decided: 'no' },
    });
    expect(scores).toMatchObject({ satisfaction: 1, emotional: 0.9, behavioural: 0.875, discountDependent: false });
  });

  it('honours a reversed item in a custom definition', () => {
    const definition: SurveyDefinition = {
      ...shortTemplate(),
      questions: shortTemplate().questions.map((q) =>
        q.id === 'stay_vs_competitor' && q.type === 'scale' ? { ...q, reversed: true } : q,
      ),
    };
    const scores = scoreRespondent(compileScoring(definition), { answers: { repurchase: 5, stay_vs_competitor: 2 } });
    expect(scores.behavioural).toBe(0.875);
  });
});

describe('scoreRespondent: observed repeat purchase joins B', () => {
  const answers = { repurchase: 5, share_of_wallet: 3, stay_vs_competitor: 4 };
  it('adds a 1 for two purchases in the 365 days before the survey', () => {
    const scores = scoreRespondent(full, {
      answers,
      surveyedAt: SURVEYED,
      purchases: { purchasedAt: [SURVEYED - 365 * DAY, SURVEYED - 10 * DAY] },
    });
    expect(scores.repeatPurchase).toBe(1);
    expect(scores.behavioural).toBe(roundScore((1 + 0.5 + 0.75 + 1) / 4));
  });
  it('adds a 0 for one purchase, and never counts purchases after the survey', () => {
    const scores = scoreRespondent(full, {
      answers,
      surveyedAt: SURVEYED,
      purchases: { purchasedAt: [SURVEYED - 366 * DAY, SURVEYED - 3 * DAY, SURVEYED + DAY, SURVEYED + 2 * DAY] },
    });
    expect(scores.repeatPurchase).toBe(0);
    expect(scores.behavioural).toBe(roundScore((1 + 0.5 + 0.75 + 0) / 4));
    expect(scores.retained).toBe(true);
  });
  it('needs half of four B items: two answers plus the observed item is enough', () => {
    const scores = scoreRespondent(full, {
      answers: { repurchase: 5 },
      surveyedAt: SURVEYED,
      purchases: { purchasedAt: [] },
    });
    expect(scores.behavioural).toBe(0.5);
  });
  it('refuses purchase history without a survey time', () => {
    expect(() => scoreRespondent(full, { answers, purchases: { purchasedAt: [] } })).toThrow(/surveyedAt/);
  });
});

describe('repeatPurchaseItem and retainedWithin180Days', () => {
  it.each([
    [[SURVEYED - 365 * DAY, SURVEYED], 1],
    [[SURVEYED - 365 * DAY - 1, SURVEYED], 0],
    [[SURVEYED - DAY], 0],
    [[], 0],
  ])('repeat purchase from %j is %d', (times, expected) => {
    expect(repeatPurchaseItem(SURVEYED, times)).toBe(expected);
  });
  it.each([
    ['a purchase exactly 180 days after', [SURVEYED + 180 * DAY], undefined, true],
    ['a purchase 181 days after', [SURVEYED + 181 * DAY], undefined, false],
    ['a purchase at the survey moment only', [SURVEYED], undefined, false],
    ['no purchase, window not over', [], SURVEYED + 100 * DAY, null],
    // Unknown: counting the early returners while leaving out those not back yet would overstate retention.
    ['a purchase within a window not over', [SURVEYED + 5 * DAY], SURVEYED + 100 * DAY, null],
    ['a purchase within a window just over', [SURVEYED + 5 * DAY], SURVEYED + 180 * DAY, true],
  ])('retention with %s', (_name, purchasedAt, observedUntil, expected) => {
    const history = observedUntil === undefined ? { purchasedAt } : { purchasedAt, observedUntil };
    expect(retainedWithin180Days(SURVEYED, history)).toBe(expected);
  });
});

describe('scoreRespondent: discount dependence and exchange', () => {
  it.each([
    ['yes', 2, true],
    ['yes', 3, false], // 0.5 is not below 0.5
    ['yes', 1, true],
    ['no', 1, false],
    ['yes', undefined, null],
    [undefined, 1, null],
  ])('promo_decided %s with full_price_return %s gives D = %s', (promo, fullPrice, expected) => {
    const answers: Record<string, string | number> = {};
    if (promo !== undefined) answers.promo_decided = promo;
    if (fullPrice !== undefined) answers.full_price_return = fullPrice;
    expect(scoreRespondent(full, { answers }).discountDependent).toBe(expected);
  });
  it.each([
    ['not_delivered', 'criminal'],
    ['partly', 'partial'],
    ['as_expected', 'equal'],
    ['exceeded', 'pleasant_surprise'],
  ])('expectation %s is a %s exchange', (answer, expected) => {
    expect(scoreRespondent(full, { answers: { expectation: answer } }).exchange).toBe(expected);
  });
  it('has no exchange type when unanswered', () => {
    expect(scoreRespondent(full, { answers: {} }).exchange).toBeNull();
  });
});
