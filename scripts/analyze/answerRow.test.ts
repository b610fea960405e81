import { describe, expect, it } from 'vitest';
import { fullTemplate } from '../../api/src/model/template.js';
import { answersOf, parseMapping, planColumns } from './answerRow.js';
import { InputError } from './inputError.js';

const definition = fullTemplate();

function errorOf(action: () => unknown): InputError {
  try {
    action();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('planColumns', () => {
  it('matches question ids and mapped columns', () => {
    const plan = planColumns(['sat_overall', 'How likely to recommend'], definition, { 'How likely to recommend': 'recommend' });
    expect(plan.questions.map((q) => q?.id)).toEqual(['sat_overall', 'recommend']);
  });
  it('names an unknown column with its position on line 1', () => {
    const error = errorOf(() => planColumns(['sat_overall', 'age'], definition, {}));
    expect(error.message).toMatch(/Unknown column "age"/);
    expect([error.line, error.column]).toEqual([1, 2]);
  });
  it('refuses the same question twice', () => {
    expect(() => planColumns(['recommend', 'NPS'], definition, { NPS: 'recommend' })).toThrow(/both hold recommend/);
  });
});

describe('parseMapping', () => {
  it('refuses a target that is not a question id', () => {
    expect(() => parseMapping('{"Age": "age"}', definition)).toThrow(/not a question id/);
  });
  it('refuses JSON that is not an object', () => {
    expect(() => parseMapping('["sat_overall"]', definition)).toThrow(/must be a JSON object/);
    expect(() => parseMapping('{', definition)).toThrow(/not valid JSON/);
  });
});

describe('answersOf', () => {
  const plan = planColumns(['sat_overall', 'recommend', 'promo_decided', 'told_positive', 'comment'], definition, {});
  it('turns cells into typed answers and leaves empty cells unanswered', () => {
    expect(answersOf(plan, ['5', '', 'yes', '12', ' thanks '], 2)).toEqual({
      sat_overall: 5,
      promo_decided: 'yes',
      told_positive: 12,
      comment: 'thanks',
    });
  });
  it.each([
    [['6', '', '', '', ''], 1, /sat_overall: 6 is outside 1–5/],
    [['4.5', '', '', '', ''], 1, /"4.5" is not a whole number/],
    [['5', '11', '', '', ''], 2, /recommend: 11 is outside 0–10/],
    [['5', '9', 'maybe', '', ''], 3, /"maybe" is not one of yes, no/],
    [['5', '9', 'no', '1001', ''], 4, /told_positive: 1001 is outside 0–1000/],
    [['5', '9', 'no', '3', 'x'.repeat(5001)], 5, /longer than 5000 characters/],
  ])('refuses %j at column %d', (record, column, message) => {
    const error = errorOf(() => answersOf(plan, record, 7));
    expect(error.message).toMatch(message);
    expect([error.line, error.column]).toEqual([7, column]);
  });
  it('names a mapped column by its own name and its question', () => {
    const mapped = planColumns(['NPS'], definition, { NPS: 'recommend' });
    expect(errorOf(() => answersOf(mapped, ['11'], 4)).message).toBe('NPS (recommend): 11 is outside 0–10.');
  });
  it('refuses a row with a different number of cells', () => {
    expect(errorOf(() => answersOf(plan, ['5'], 3)).message).toMatch(/1 cells; the header has 5/);
  });
});
