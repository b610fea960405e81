import { describe, expect, it } from 'vitest';
import type { Answers, Question } from '../../api/src/model/definition.js';
import { QUESTIONS, SHORT_IDS } from '../../api/src/model/template.js';
import {
  DEFAULT_TRUTHS,
  PLANTED_SEGMENTS,
  expectedFigures,
  generatePopulation,
  questionSet,
  type PlantedSegment,
  type SyntheticRespondent,
} from './index.js';

const DAY_MS = 86_400_000;
const take = (n: number, seed: number, questions: 'full' | 'short' = 'full') => [...generatePopulation({ n, seed, questions })];

/**
 * DESIGN.md "Scores and segments", written out independently of api/src/analytics so the generator is
 * checked against the spec, not against the code it will test.
 */
function itemScore(question: Question, value: number): number {
  if (question.type !== 'scale') throw new Error(`${question.id} is not a scale`);
  const scaled = (value - question.min) / (question.max - question.min);
  return question.reversed ? 1 - scaled : scaled;
}

function constructScore(answers: Answers, ids: readonly string[], extraItem?: number): number | null {
  const scores = ids.filter((id) => typeof answers[id] === 'number').map((id) => itemScore(QUESTIONS[id] as Question, answers[id] as number));
  const itemCount = ids.length + (extraItem === undefined ? 0 : 1);
  if (extraItem !== undefined) scores.push(extraItem);
  if (scores.length < itemCount / 2) return null;
  return Math.round((scores.reduce((sum, score) => sum + score, 0) / scores.length) * 1e12) / 1e12;
}

function specSegment(respondent: SyntheticRespondent, questions: 'full' | 'short', withPurchases: boolean): PlantedSegment | 'unclassified' {
  const { answers } = respondent;
  const items = questionSet(questions).constructItems;
  const since = respondent.submittedAt.getTime() - 365 * DAY_MS;
  const before = respondent.purchases.filter((p) => p.purchasedAt.getTime() >= since && p.purchasedAt < respondent.submittedAt).length;
  const s = constructScore(answers, items.satisfaction);
  const e = constructScore(answers, items.emotional);
  const b = constructScore(answers, items.behavioural, withPurchases ? (before >= 2 ? 1 : 0) : undefined);
  if (s === null || e === null || b === null) return 'unclassified';
  const fullPrice = answers.full_price_return;
  const discountDependent = answers.promo_decided === 'yes' && typeof fullPrice === 'number' && itemScore(QUESTIONS.full_price_return as Question, fullPrice) < 0.5;
  if (e >= 0.75 && b >= 0.75) return 'loyal';
  if (discountDependent && e < 0.75) return 'price_hunter';
  if (s >= 0.75) return 'satisfied_not_loyal';
  if (b >= 0.75) return 'hostage';
  return 'defector';
}

function validationErrors(answers: Answers, ids: readonly string[]): string[] {
  const errors: string[] = [];
  for (const [id, value] of Object.entries(answers)) {
    const question = QUESTIONS[id];
    if (!question || !ids.includes(id)) {
      errors.push(`${id} is not in the question set`);
      continue;
    }
    if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) errors.push(`${id} answered while hidden`);
    switch (question.type) {
      case 'scale':
      case 'count':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < question.min || value > question.max) {
          errors.push(`${id} = ${value} outside ${question.min}..${question.max}`);
        }
        break;
      case 'choice':
        if (!question.options.some((option) => option.value === value)) errors.push(`${id} = ${value} is not an option`);
        break;
      case 'text':
        if (typeof value !== 'string' || value.length === 0 || value.length > question.maxLength) errors.push(`${id} text length`);
        break;
    }
  }
  for (const id of ids) if (QUESTIONS[id]?.required && !(id in answers)) errors.push(`required ${id} missing`);
  return errors;
}

describe('generatePopulation', () => {
  it('gives the same respondents for the same seed and different ones for another seed', () => {
    expect(take(500, 11)).toEqual(take(500, 11));
    expect(take(50, 12)).not.toEqual(take(50, 11));
  });

  it('gives the same people in the short form: short answers are the full answers to the short questions', () => {
    const full = take(300, 5, 'full');
    const short = take(300, 5, 'short');
    short.forEach((respondent, i) => {
      const fullAnswers = full[i]?.answers ?? {};
      expect(respondent.answers).toEqual(Object.fromEntries(SHORT_IDS.filter((id) => id in fullAnswers).map((id) => [id, fullAnswers[id]])));
      expect(respondent.submittedAt).toEqual(full[i]?.submittedAt);
    });
  });

  it('produces answers valid against the template: scales, choices, counts, texts, required items', () => {
    for (const questions of ['full', 'short'] as const) {
      const ids = questionSet(questions).ids;
      for (const respondent of generatePopulation({ n: 5000, seed: 3, questions })) {
        expect(validationErrors(respondent.answers, ids)).toEqual([]);
      }
    }
  });

  it('asks problem_resolved and gesture_received only when had_problem = yes, and asks them then', () => {
    let followUps = 0;
    for (const { answers } of generatePopulation({ n: 5000, seed: 4, questions: 'full' })) {
      if (answers.had_problem !== 'yes') {
        expect(answers.problem_resolved).toBeUndefined();
        expect(answers.gesture_received).toBeUndefined();
      } else if ('problem_resolved' in answers) followUps++;
    }
    expect(followUps).toBeGreaterThan(1000);
  });

  it('puts every respondent in its planted segment by the DESIGN.md rules, with or without purchase history', () => {
    for (const questions of ['full', 'short'] as const) {
      for (const respondent of generatePopulation({ n: 20_000, seed: 9, questions })) {
        expect(specSegment(respondent, questions, false)).toBe(respondent.planted.segment);
        expect(specSegment(respondent, questions, true)).toBe(respondent.planted.segment);
      }
    }
  });

  it('realizes the planted segment shares within a few counts in 20,000 respondents', () => {
    for (const questions of ['full', 'short'] as const) {
      const counts = new Map<string, number>();
      for (const { planted } of generatePopulation({ n: 20_000, seed: 21, questions })) counts.set(planted.segment, (counts.get(planted.segment) ?? 0) + 1);
      const expected = expectedFigures(DEFAULT_TRUTHS, questions).segmentShares;
      // Planted segments are shares of the classified respondents, unclassified a share of all.
      const classified = 20_000 - (counts.get('unclassified') ?? 0);
      for (const segment of [...PLANTED_SEGMENTS, 'unclassified'] as const) {
        const denominator = segment === 'unclassified' ? 20_000 : classified;
        expect(Math.abs((counts.get(segment) ?? 0) - expected[segment] * denominator)).toBeLessThanOrEqual(10);
      }
    }
  });

  it('leaves nobody unclassified in the short form, whose S and E items are all required', () => {
    expect(take(2000, 8, 'short').every((r) => r.planted.segment !== 'unclassified')).toBe(true);
  });

  it('keeps purchases chronological and consistent with the planted repeat and retention outcomes', () => {
    for (const respondent of generatePopulation({ n: 5000, seed: 6, questions: 'short' })) {
      const times = respondent.purchases.map((p) => p.purchasedAt.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const submitted = respondent.submittedAt.getTime();
      const before = times.filter((t) => t < submitted && t >= submitted - 365 * DAY_MS).length;
      const retained = times.some((t) => t > submitted && t <= submitted + 180 * DAY_MS);
      expect(before >= 2).toBe(respondent.planted.observedRepeat);
      expect(retained).toBe(respondent.planted.retained180);
      expect(respondent.purchases.every((p) => Number.isInteger(p.amountCents) && p.amountCents > 0)).toBe(true);
    }
  });

  it('spreads submittedAt over the date range in order, and languages over en, ru, et, ka', () => {
    const start = new Date('2024-03-01T00:00:00Z');
    const end = new Date('2024-09-01T00:00:00Z');
    const population = [...generatePopulation({ n: 4000, seed: 2, questions: 'short', start, end })];
    const times = population.map((r) => r.submittedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times[0]).toBeGreaterThanOrEqual(start.getTime());
    expect(times.at(-1)).toBeLessThan(end.getTime());
    expect(times.filter((t) => t < (start.getTime() + end.getTime()) / 2).length).toBeGreaterThan(1900);
    expect(new Set(population.map((r) => r.language))).toEqual(new Set(['en', 'ru', 'et', 'ka']));
  });

  it('leaves out purchases after purchasesUntil and changes nothing else', () => {
    const options = { n: 1000, seed: 13, questions: 'short' as const, start: new Date('2025-01-01T00:00:00Z'), end: new Date('2025-12-01T00:00:00Z') };
    const purchasesUntil = new Date('2025-12-10T00:00:00Z');
    const censored = [...generatePopulation({ ...options, purchasesUntil })];
    const complete = [...generatePopulation(options)];
    censored.forEach((respondent, i) => {
      const original = complete[i] as SyntheticRespondent;
      expect(respondent.purchases).toEqual(original.purchases.filter((p) => p.purchasedAt <= purchasesUntil));
      expect({ ...respondent, purchases: [] }).toEqual({ ...original, purchases: [] });
    });
    expect(complete.some((r) => r.purchases.some((p) => p.purchasedAt > purchasesUntil))).toBe(true);
  });

  it('refuses options and truths it cannot honour, with a message naming the problem', () => {
    expect(() => generatePopulation({ n: -1, seed: 1, questions: 'full' })).toThrow(/n must be/);
    expect(() => generatePopulation({ n: 1, seed: 1.5, questions: 'full' })).toThrow(/seed/);
    expect(() => generatePopulation({ n: 1, seed: 1, questions: 'full', start: new Date(2), end: new Date(1) })).toThrow(/end/);
    const badShares = { ...DEFAULT_TRUTHS, segmentShares: { ...DEFAULT_TRUTHS.segmentShares, loyal: 0.5 } };
    expect(() => generatePopulation({ n: 1, seed: 1, questions: 'full', truths: badShares })).toThrow(/segmentShares must sum to 1/);
    const unsatisfiedLoyal = {
      ...DEFAULT_TRUTHS,
      satOverallBySegment: { ...DEFAULT_TRUTHS.satOverallBySegment, loyal: { 1: 0, 2: 0, 3: 0.3, 4: 0.3, 5: 0.4 } },
    };
    expect(() => generatePopulation({ n: 1, seed: 1, questions: 'full', truths: unsatisfiedLoyal })).toThrow(/loyal may only use levels 4 and 5/);
  });

  it('yields nothing for n = 0', () => {
    expect(take(0, 1)).toEqual([]);
  });
});
