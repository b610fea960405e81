import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../model/definition.js';
import { compileScoring, scoreRespondent } from './scoring.js';
import { loyaltyType, primarySegment } from './segments.js';
import { fullTemplate } from '../model/template.js';

const τ = DEFAULT_THRESHOLDS;
const row = (S: number | null, E: number | null, B: number | null, D: boolean | null = false) => ({
  satisfaction: S,
  emotional: E,
  behavioural: B,
  discountDependent: D,
});

describe('primarySegment', () => {
  it.each([
    ['loyal: E and B exactly on τ', row(0, 0.75, 0.75), 'loyal'],
    ['loyal even when discount-dependent', row(0.2, 0.8, 0.9, true), 'loyal'],
    ['price_hunter: D and E just below τE', row(0.9, 0.749999, 0.9, true), 'price_hunter'],
    ['price_hunter beats satisfied_not_loyal', row(1, 0.5, 0.2, true), 'price_hunter'],
    ['satisfied_not_loyal: S exactly on τS', row(0.75, 0.8, 0.5), 'satisfied_not_loyal'],
    ['satisfied_not_loyal with D missing', row(0.9, 0.2, 0.2, null), 'satisfied_not_loyal'],
    ['hostage: B exactly on τB, E and S low', row(0.5, 0.5, 0.75), 'hostage'],
    ['defector: all just below', row(0.74, 0.74, 0.74), 'defector'],
    ['unclassified: S missing even when E and B are high', row(null, 1, 1), 'unclassified'],
    ['unclassified: E missing', row(1, null, 1), 'unclassified'],
    ['unclassified: B missing', row(1, 1, null), 'unclassified'],
  ] as const)('%s', (_name, scores, expected) => {
    expect(primarySegment(scores, τ)).toBe(expected);
  });

  it('uses per-survey thresholds', () => {
    const thresholds: Thresholds = { satisfaction: 0.6, emotional: 0.7, behavioural: 0.7 };
    expect(primarySegment(row(0.6, 0.7, 0.7), thresholds)).toBe('loyal');
    expect(primarySegment(row(0.6, 0.69, 0.7), thresholds)).toBe('satisfied_not_loyal');
  });

  it('puts a respondent whose float sum lands on τ on it', () => {
    expect(0.7 + 0.1 < 0.8).toBe(true);
    const thresholds: Thresholds = { satisfaction: 0.8, emotional: 0.75, behavioural: 0.75 };
    expect(primarySegment(row(0.7 + 0.1, 0, 0), thresholds)).toBe('satisfied_not_loyal');
    expect(primarySegment(row(0.5, 0, 0), { ...thresholds, satisfaction: 0.1 + 0.4 })).toBe('satisfied_not_loyal');
  });

  it('segments a scored respondent whose E is (0.7 + 0.8) / 2 as loyal at τE = 0.75', () => {
    const definition = fullTemplate();
    const model = compileScoring({
      ...definition,
      questions: definition.questions.map((q) => (q.id === 'feel_loss' && q.type === 'scale' ? { ...q, min: 0, max: 10 } : q)),
    });
    const scores = scoreRespondent(model, {
      answers: { sat_overall: 5, sat_product: 5, recommend: 7, feel_loss: 8, repurchase: 4, stay_vs_competitor: 4 },
    });
    expect(scores.emotional).toBe(0.75);
    expect(primarySegment(scores, τ)).toBe('loyal');
  });
});

describe('loyaltyType', () => {
  it.each([
    [0.75, 0.75, 'true'],
    [0.75, 0.74, 'latent'],
    [0.74, 0.75, 'spurious'],
    [0.74, 0.74, 'none'],
    [null, 0.9, 'unknown'],
    [0.9, null, 'unknown'],
  ] as const)('E %s and B %s is %s', (E, B, expected) => {
    expect(loyaltyType({ emotional: E, behavioural: B }, τ)).toBe(expected);
  });
});
