import { describe, expect, it } from 'vitest';
import type { Question, SurveyDefinition } from './definition.js';
import { estimateMinutes, surveySteps } from './steps.js';
import { fullTemplate, shortTemplate } from './template.js';

const text = { en: 'Q', ru: 'В', et: 'K', ka: 'კ' };
const scale = (id: string, construct: Question['construct'], extra: Partial<Question> = {}): Question =>
  ({ id, construct, type: 'scale', text, required: false, min: 1, max: 5, minLabel: text, maxLabel: text, ...extra }) as Question;
const ids = (definition: Pick<SurveyDefinition, 'questions'>) => surveySteps(definition).map((step) => step.questions.map((q) => q.id));

describe('surveySteps', () => {
  it('splits the full check-up into six screens of related questions', () => {
    expect(ids(fullTemplate())).toEqual([
      ['sat_overall', 'sat_product', 'sat_service', 'sat_price', 'expectation'],
      ['recommend', 'feel_loss', 'speak_positively'],
      ['repurchase', 'share_of_wallet', 'stay_vs_competitor', 'promo_decided', 'full_price_return'],
      ['had_problem', 'problem_resolved', 'gesture_received'],
      ['told_positive', 'told_negative'],
      ['exp_fidelity', 'exp_ownership', 'exp_stability', 'exp_consistency', 'comment'],
    ]);
  });

  it('keeps every question exactly once, in order', () => {
    const definition = fullTemplate();
    expect(ids(definition).flat()).toEqual(definition.questions.map((q) => q.id));
  });

  it('keeps a survey of at most eight questions on one screen', () => {
    expect(ids(shortTemplate())).toEqual([shortTemplate().questions.map((q) => q.id)]);
    const eight = Array.from({ length: 8 }, (_, i) => scale(`q${i}`, i % 2 ? 'emotional' : 'satisfaction'));
    expect(surveySteps({ questions: eight })).toHaveLength(1);
  });

  it('keeps a show-if question with the question it depends on, and the screens between', () => {
    const questions = [
      scale('a1', 'satisfaction'), scale('a2', 'satisfaction'),
      scale('b1', 'emotional'), scale('b2', 'emotional'),
      scale('c1', 'recovery', { showIf: { questionId: 'a2', equals: 5 } }), scale('c2', 'recovery'),
      scale('d1', 'open'), scale('d2', 'open'), scale('d3', 'open'),
    ];
    expect(ids({ questions })).toEqual([['a1', 'a2', 'b1', 'b2', 'c1', 'c2'], ['d1', 'd2', 'd3']]);
  });

  it('splits a long run of one construct into balanced screens of at most six', () => {
    const questions = Array.from({ length: 14 }, (_, i) => scale(`q${i}`, 'loyalist_expectations'));
    expect(surveySteps({ questions }).map((step) => step.questions.length)).toEqual([5, 5, 4]);
  });

  it('lets a lone question join its smaller neighbour', () => {
    const questions = [
      scale('a1', 'satisfaction'), scale('a2', 'satisfaction'), scale('a3', 'satisfaction'),
      scale('b1', 'emotional'),
      scale('c1', 'recovery'), scale('c2', 'recovery'),
      scale('d1', 'open'), scale('d2', 'open'), scale('d3', 'open'),
    ];
    expect(ids({ questions })).toEqual([['a1', 'a2', 'a3'], ['b1', 'c1', 'c2'], ['d1', 'd2', 'd3']]);
  });
});

describe('estimateMinutes', () => {
  it('says four minutes for the 23-question check-up (20 scales and choices, 2 counts, 1 text: 209 s)', () => {
    expect(estimateMinutes(fullTemplate())).toBe(4);
  });

  it('rounds up and never says less than a minute', () => {
    expect(estimateMinutes(shortTemplate())).toBe(1); // 6 × 7 s
    expect(estimateMinutes({ questions: Array.from({ length: 9 }, (_, i) => scale(`q${i}`, 'satisfaction')) })).toBe(2); // 63 s
  });
});
