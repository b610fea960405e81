import { describe, expect, it } from 'vitest';
import { ANSWER_PROBLEM_CODES, answerProblemMessage, checkAnswers, hasInvalidCharacters, shownQuestionIds, textLength, type AnswerProblem } from './answers.js';
import type { Question, SurveyDefinition } from './definition.js';
import { fullTemplate, shortTemplate } from './template.js';

const completeShort = { sat_overall: 4, recommend: 9, repurchase: 5, stay_vs_competitor: 3, promo_decided: 'no', full_price_return: 4 };

/** The short template's answers with one change, checked against the full template (nothing else required there). */
const problemsOf = (submitted: Record<string, number | string | null>, definition: SurveyDefinition = fullTemplate()) =>
  checkAnswers(definition, { ...completeShort, ...submitted }).problems;

describe('checkAnswers', () => {
  it('accepts complete answers and stores them as given', () => {
    expect(checkAnswers(shortTemplate(), completeShort)).toEqual({ answers: completeShort, problems: [] });
  });

  it('leaves null and blank text out of the stored answers', () => {
    const { answers, problems } = checkAnswers(fullTemplate(), { ...completeShort, comment: ' \n ', sat_product: null });
    expect(problems).toEqual([]);
    expect(answers).toEqual(completeShort);
  });

  // Each code once, with its parameters.
  it.each<[string, Record<string, number | string | null>, AnswerProblem]>([
    ['UNKNOWN_QUESTION', { favourite_colour: 'red' }, { questionId: 'favourite_colour', code: 'UNKNOWN_QUESTION', params: {} }],
    ['REQUIRED', { sat_overall: null }, { questionId: 'sat_overall', code: 'REQUIRED', params: {} }],
    ['NOT_A_WHOLE_NUMBER', { told_positive: 2.5 }, { questionId: 'told_positive', code: 'NOT_A_WHOLE_NUMBER', params: { min: 0, max: 1000 } }],
    ['NOT_A_WHOLE_NUMBER (text for a scale)', { recommend: '9' }, { questionId: 'recommend', code: 'NOT_A_WHOLE_NUMBER', params: { min: 0, max: 10 } }],
    ['OUT_OF_RANGE', { recommend: 11 }, { questionId: 'recommend', code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } }],
    ['NOT_AN_OPTION', { promo_decided: 'maybe' }, { questionId: 'promo_decided', code: 'NOT_AN_OPTION', params: { options: 'yes, no' } }],
    ['NOT_TEXT', { comment: 42 }, { questionId: 'comment', code: 'NOT_TEXT', params: {} }],
    ['TOO_LONG', { comment: 'x'.repeat(5001) }, { questionId: 'comment', code: 'TOO_LONG', params: { maxLength: 5000, length: 5001 } }],
    ['INVALID_CHARACTERS', { comment: 'a\u0000b' }, { questionId: 'comment', code: 'INVALID_CHARACTERS', params: {} }],
    ['HIDDEN_BY_SHOW_IF', { had_problem: 'no', problem_resolved: 'resolved' }, { questionId: 'problem_resolved', code: 'HIDDEN_BY_SHOW_IF', params: { questionId: 'had_problem', equals: 'yes' } }],
  ])('reports %s', (_code, submitted, expected) => {
    expect(problemsOf(submitted)).toEqual([expected]);
    expect(answerProblemMessage(expected)).not.toBe('');
  });

  it('has a test above for every code', () => {
    expect(ANSWER_PROBLEM_CODES).toHaveLength(9);
  });

  it('reports every problem at once, and no REQUIRED for a refused answer', () => {
    const problems = checkAnswers(shortTemplate(), { sat_overall: 9, recommend: -1 }).problems;
    expect(problems.map((p) => `${p.questionId}:${p.code}`)).toEqual([
      'sat_overall:OUT_OF_RANGE',
      'recommend:OUT_OF_RANGE',
      'repurchase:REQUIRED',
      'stay_vs_competitor:REQUIRED',
      'promo_decided:REQUIRED',
      'full_price_return:REQUIRED',
    ]);
  });

  it('counts text length in code points: emoji and Georgian letters are one character each', () => {
    expect(textLength('😀')).toBe(1);
    expect('😀'.length).toBe(2);
    expect(textLength('გამარჯობა')).toBe(9);
    expect(textLength('👍🏽')).toBe(2); // a skin-tone modifier is a code point of its own
    expect(problemsOf({ comment: '😀'.repeat(5000) })).toEqual([]);
    expect(problemsOf({ comment: 'ა'.repeat(5000) })).toEqual([]);
    expect(problemsOf({ comment: '😀'.repeat(5001) })).toEqual([
      { questionId: 'comment', code: 'TOO_LONG', params: { maxLength: 5000, length: 5001 } },
    ]);
  });

  it.each([
    ['NUL', 'a\u0000'],
    ['a lone high surrogate', 'a\uD83D'],
    ['a lone high surrogate before text', '\uD83Dabc'],
    ['a lone low surrogate', '\uDE00a'],
    ['two high surrogates before a low one', '\uD83D\uD83D\uDE00'],
  ])('refuses text holding %s', (_what, text) => {
    expect(hasInvalidCharacters(text)).toBe(true);
    expect(problemsOf({ comment: text })).toEqual([{ questionId: 'comment', code: 'INVALID_CHARACTERS', params: {} }]);
  });

  it('accepts whole surrogate pairs and other control-free text', () => {
    for (const text of ['😀', 'Grüße, друзья! ქართული 👍🏽', 'line\nbreak\ttab']) expect(hasInvalidCharacters(text)).toBe(false);
  });

  it('requires a required follow-up only when it is shown', () => {
    const definition = fullTemplate();
    const resolved = definition.questions.find((q) => q.id === 'problem_resolved')!;
    resolved.required = true;
    expect(checkAnswers(definition, { ...completeShort, had_problem: 'no' }).problems).toEqual([]);
    expect(checkAnswers(definition, completeShort).problems).toEqual([]);
    expect(checkAnswers(definition, { ...completeShort, had_problem: 'yes' }).problems).toEqual([
      { questionId: 'problem_resolved', code: 'REQUIRED', params: {} },
    ]);
  });

  describe('a chain of show-ifs (had_problem → problem_resolved → gesture_received)', () => {
    const chain = (): SurveyDefinition => {
      const definition = fullTemplate();
      const gesture = definition.questions.find((q) => q.id === 'gesture_received')!;
      gesture.showIf = { questionId: 'problem_resolved', equals: 'resolved' };
      gesture.required = true;
      return definition;
    };

    it('shows each link only when the one before it is shown and answered so', () => {
      const questions = chain().questions;
      const shown = (answers: Record<string, string>) => ['problem_resolved', 'gesture_received'].filter((id) => shownQuestionIds(questions, answers).has(id));
      expect(shown({})).toEqual([]);
      expect(shown({ had_problem: 'yes' })).toEqual(['problem_resolved']);
      expect(shown({ had_problem: 'yes', problem_resolved: 'resolved' })).toEqual(['problem_resolved', 'gesture_received']);
      // The end of the chain hides with its start, even if its own condition's answer is still there.
      expect(shown({ had_problem: 'no', problem_resolved: 'resolved' })).toEqual([]);
    });

    it('refuses an answer to the end of the chain when its start hides it', () => {
      expect(checkAnswers(chain(), { ...completeShort, had_problem: 'no', problem_resolved: 'resolved', gesture_received: 'yes' }).problems).toEqual([
        { questionId: 'problem_resolved', code: 'HIDDEN_BY_SHOW_IF', params: { questionId: 'had_problem', equals: 'yes' } },
        { questionId: 'gesture_received', code: 'HIDDEN_BY_SHOW_IF', params: { questionId: 'problem_resolved', equals: 'resolved' } },
      ]);
    });

    it('requires the end of the chain when every link is answered to show it', () => {
      expect(checkAnswers(chain(), { ...completeShort, had_problem: 'yes', problem_resolved: 'resolved' }).problems).toEqual([
        { questionId: 'gesture_received', code: 'REQUIRED', params: {} },
      ]);
    });

    it('reports only the refused link, not the questions that hang on it', () => {
      expect(checkAnswers(chain(), { ...completeShort, had_problem: 'maybe', problem_resolved: 'resolved' }).problems).toEqual([
        { questionId: 'had_problem', code: 'NOT_AN_OPTION', params: { options: 'yes, no' } },
      ]);
    });
  });

  it('treats a question named like an Object method as unanswered until it is answered', () => {
    const definition = shortTemplate();
    const [first] = definition.questions as [Question];
    definition.questions = [{ ...first, id: 'constructor', required: true }, { ...first, id: 'tostring', showIf: { questionId: 'constructor', equals: 3 } }];
    expect(checkAnswers(definition, {}).problems).toEqual([{ questionId: 'constructor', code: 'REQUIRED', params: {} }]);
    expect(checkAnswers(definition, { constructor: 3, tostring: 1 })).toEqual({ answers: { constructor: 3, tostring: 1 }, problems: [] });
  });

  it('refuses a "__proto__" answer as an unknown question instead of touching the prototype', () => {
    const submitted = JSON.parse('{"__proto__": 5, "sat_overall": 4}') as Record<string, number>;
    const { answers, problems } = checkAnswers(shortTemplate(), submitted);
    expect(problems[0]).toEqual({ questionId: '__proto__', code: 'UNKNOWN_QUESTION', params: {} });
    expect(Object.getPrototypeOf(answers)).toBe(Object.prototype);
  });
});
