import { describe, expect, it } from 'vitest';
import { fullTemplate } from '../../api/src/model/template.js';
import { answersOf, planColumns } from './answerRow.js';
import { atLine, InputError } from './inputError.js';
import { parseMapping } from './mapping.js';

const definition = fullTemplate();
const mapping = (object: unknown) => parseMapping(JSON.stringify(object), definition);

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
    const plan = planColumns(['sat_overall', 'How likely to recommend'], definition, mapping({ 'How likely to recommend': 'recommend' }));
    expect(plan.columns.map((c) => c.id)).toEqual(['sat_overall', 'recommend']);
    expect(plan.definition.questions.map((q) => q.id)).toEqual(['sat_overall', 'recommend']);
  });
  it('names an unknown column with its position on line 1', () => {
    const error = errorOf(() => planColumns(['sat_overall', 'age'], definition));
    expect(error.message).toMatch(/Unknown column "age"/);
    expect([error.line, error.column]).toEqual([1, 2]);
  });
  it('refuses the same question twice', () => {
    expect(() => planColumns(['recommend', 'NPS'], definition, mapping({ NPS: 'recommend' }))).toThrow(/"recommend" \(1\) and "NPS" \(2\) both hold recommend/);
  });
  it('builds the run definition: declared scales, custom items of their construct, left-out and id columns', () => {
    const plan = planColumns(
      ['Resp ID', 'When', 'Q1', 'Q2 value', 'Q3 stay', 'NPS'],
      definition,
      mapping({ When: null, Q1: { question: 'sat_overall', scale: [1, 10] }, 'Q2 value': { construct: 'satisfaction', scale: [1, 7] }, 'Q3 stay': { construct: 'behavioural', scale: [1, 7], reversed: true }, NPS: { question: 'recommend', scale: [1, 10] } }),
      'Resp ID',
    );
    expect(plan.idIndex).toBe(0);
    expect(plan.leftOut).toEqual(['When']);
    expect(plan.definition.questions.map((q) => [q.id, q.construct, q.type === 'scale' ? [q.min, q.max, q.reversed ?? false] : null])).toEqual([
      ['sat_overall', 'satisfaction', [1, 10, false]],
      // The NPS stays on 0–10: a 1–10 column is read as it is.
      ['recommend', 'emotional', [0, 10, false]],
      ['q2_value', 'satisfaction', [1, 7, false]],
      ['q3_stay', 'behavioural', [1, 7, true]],
    ]);
    expect(plan.columnOf).toMatchObject({ sat_overall: 'Q1', q2_value: 'Q2 value' });
  });
  it.each([
    [['a'], { b: null }, null, /The mapping names "b", which is not a column of the file/],
    [['a'], { a: null }, 'x', /--id "x" is not a column of the file/],
    [['a', 'sat_overall'], { a: 'recommend' }, 'a', /"a" is the --id column and cannot also be mapped/],
    [['a'], { a: null }, null, /No column of the file is a question to analyse/],
  ])('refuses header %j with mapping %j and id %j', (header, object, id, message) => {
    expect(errorOf(() => planColumns(header, definition, mapping(object), id)).message).toMatch(message);
  });
});

describe('answersOf', () => {
  const plan = planColumns(['sat_overall', 'recommend', 'promo_decided', 'told_positive', 'comment'], definition);
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
    [['1e0', '', '', '', ''], 1, /"1e0" is not a whole number/],
    [['5', '11', '', '', ''], 2, /recommend: 11 is outside 0–10/],
    [['5', '9', 'maybe', '', ''], 3, /"maybe" is not one of yes, no/],
    [['5', '9', 'no', '1001', ''], 4, /told_positive: 1001 is outside 0–1000/],
    [['5', '9', 'no', '3', 'x'.repeat(5001)], 5, /longer than 5000 characters/],
  ])('refuses %j at column %d', (record, column, message) => {
    const error = errorOf(() => answersOf(plan, record, 7));
    expect(error.message).toMatch(message);
    expect([error.line, error.column]).toEqual([7, column]);
  });
  it('reads negative whole numbers on a declared scale', () => {
    const declared = planColumns(['S'], definition, mapping({ S: { construct: 'satisfaction', scale: [-3, 3] } }));
    expect(answersOf(declared, ['-3'])).toEqual({ s: -3 });
    expect(errorOf(() => answersOf(declared, ['-4'])).message).toBe('"S": -4 is outside the declared scale -3–3.');
  });
  it('names a mapped column by its own name and its question', () => {
    const mapped = planColumns(['NPS'], definition, mapping({ NPS: 'recommend' }));
    expect(errorOf(() => answersOf(mapped, ['11'], 4)).message).toBe('"NPS" (recommend): 11 is outside 0–10.');
  });
  it('reads the file\'s codes of a choice question', () => {
    const coded = planColumns(['Promo?'], definition, mapping({ 'Promo?': { question: 'promo_decided', values: { Y: 'yes', N: 'no' } } }));
    expect(answersOf(coded, ['Y'])).toEqual({ promo_decided: 'yes' });
    expect(errorOf(() => answersOf(coded, ['yes'])).message).toBe('"Promo?" (promo_decided): "yes" is not one of Y, N.');
  });
  it('leaves the line to the caller when none is given', () => {
    const error = errorOf(() => answersOf(plan, ['9', '', '', '', '']));
    expect([error.line, error.column]).toEqual([undefined, 1]);
    const placed = atLine(error, 12) as InputError;
    expect([placed.line, placed.column, placed.message]).toEqual([12, 1, error.message]);
  });
  it('refuses a row with a different number of cells', () => {
    expect(errorOf(() => answersOf(plan, ['5'], 3)).message).toMatch(/1 cells; the header has 5/);
  });
});
