import { describe, expect, it, vi } from 'vitest';
import * as model from '../../../../api/src/model/answers.js';
import { validateAnswers } from '../../../../api/src/responses/validate.js';
import { fullTemplate, shortTemplate } from '../../../../api/src/model/template.js';
import type { Answers } from '$lib/api.js';
import {
  answerProblems,
  answersToSubmit,
  checkAnswers,
  labelledOptions,
  placeFieldErrors,
  questionIdFromPath,
  say,
  shownQuestionIds,
  withoutHiddenAnswers,
} from './form.js';
import { newSubmissionId, parseDraft } from './draft.js';

// Both sides' answer check, observed: a spy around the model's one function, which the API's
// validate module and this page's form module both import.
vi.mock(import('../../../../api/src/model/answers.js'), async (importOriginal) => {
  const original = await importOriginal();
  return { ...original, checkAnswers: vi.fn(original.checkAnswers) };
});

const definition = fullTemplate();
const questions = definition.questions;
const byId = (id: string) => questions.find((q) => q.id === id)!;
const completeShortAnswers = {
  sat_overall: 4, recommend: 9, repurchase: 5, stay_vs_competitor: 3, promo_decided: 'no', full_price_return: 4,
};

describe('one answer check for the page and the API', () => {
  it('is the model\'s function, imported by the form module', () => {
    expect(checkAnswers).toBe(model.checkAnswers);
    expect(shownQuestionIds).toBe(model.shownQuestionIds);
  });

  it('is the function the API\'s validate module calls too, with the same verdict', () => {
    const spy = vi.mocked(model.checkAnswers);
    spy.mockClear();
    const answers = { ...completeShortAnswers, recommend: 11 };
    const onPage = answerProblems(shortTemplate(), answers);
    expect(spy).toHaveBeenCalledTimes(1);
    let apiFields: unknown;
    try {
      validateAnswers(shortTemplate(), answers);
    } catch (error) {
      apiFields = (error as { fields: unknown }).fields;
    }
    expect(spy).toHaveBeenCalledTimes(2);
    expect(apiFields).toEqual([expect.objectContaining({ path: '/answers/recommend', code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } })]);
    expect(onPage).toEqual({ recommend: { problem: { code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } } } });
  });
});

describe('respondent form rules', () => {
  it('shows problem_resolved only when had_problem is yes', () => {
    expect(shownQuestionIds(questions, {}).has('problem_resolved')).toBe(false);
    expect(shownQuestionIds(questions, { had_problem: 'no' }).has('problem_resolved')).toBe(false);
    expect(shownQuestionIds(questions, { had_problem: 'yes' }).has('problem_resolved')).toBe(true);
  });

  it('drops answers to questions that became hidden, and keeps the rest', () => {
    const answers = { had_problem: 'no', problem_resolved: 'partly', gesture_received: 'yes', recommend: 7 };
    expect(withoutHiddenAnswers(questions, answers)).toEqual({ had_problem: 'no', recommend: 7 });
  });

  it('drops answers down a chain of dependent questions, and answers to questions it does not have', () => {
    const chain = [
      { ...byId('had_problem') },
      { ...byId('problem_resolved') },
      { ...byId('gesture_received'), showIf: { questionId: 'problem_resolved', equals: 'resolved' } },
    ];
    expect(withoutHiddenAnswers(chain, { had_problem: 'no', problem_resolved: 'resolved', gesture_received: 'yes', gone: 1 }))
      .toEqual({ had_problem: 'no' });
  });

  it('asks for every required question and nothing else', () => {
    const errors = answerProblems(shortTemplate(), {});
    expect(Object.keys(errors).sort()).toEqual(Object.keys(completeShortAnswers).sort());
    expect(errors.recommend).toEqual({ problem: { code: 'REQUIRED', params: {} } });
    expect(answerProblems(shortTemplate(), completeShortAnswers)).toEqual({});
  });

  it('refuses counts that are not whole numbers in range', () => {
    const base = { ...completeShortAnswers };
    const range = { min: 0, max: 1000 };
    expect(answerProblems(definition, { ...base, told_positive: 1001 }).told_positive).toEqual({ problem: { code: 'OUT_OF_RANGE', params: range } });
    expect(answerProblems(definition, { ...base, told_positive: 2.5 }).told_positive).toEqual({ problem: { code: 'NOT_A_WHOLE_NUMBER', params: range } });
    expect(answerProblems(definition, { ...base, told_positive: Number.NaN }).told_positive).toEqual({ problem: { code: 'NOT_A_WHOLE_NUMBER', params: range } });
    expect(answerProblems(definition, { ...base, told_positive: 0 }).told_positive).toBeUndefined();
  });

  it('counts a comment in characters as the API does: 5,000 emoji fit, 5,001 do not', () => {
    const base = { ...completeShortAnswers };
    expect(answerProblems(definition, { ...base, comment: '😀'.repeat(5000) })).toEqual({});
    expect(answerProblems(definition, { ...base, comment: '😀'.repeat(5001) }).comment).toEqual({
      problem: { code: 'TOO_LONG', params: { maxLength: 5000, length: 5001 } },
    });
  });

  it('does not check hidden questions', () => {
    const required = { ...definition, questions: questions.map((q) => (q.id === 'problem_resolved' ? { ...q, required: true } : q)) };
    expect(answerProblems(required, { ...completeShortAnswers, had_problem: 'no' }).problem_resolved).toBeUndefined();
    expect(answerProblems(required, { ...completeShortAnswers, had_problem: 'yes' }).problem_resolved).toBeDefined();
  });

  it('words a problem in the chosen language, and the same problem again when the language changes', () => {
    const message = { problem: { code: 'OUT_OF_RANGE', params: { min: 0, max: 1000 } } } as const;
    expect(say('en', message)).toBe('Please give a number from 0 to 1,000.');
    expect(say('ka', message)).toBe('მიუთითეთ რიცხვი 0-დან 1000-მდე.');
    expect(say('ru', { key: 'errorSummary' })).toMatch(/^Некоторые ответы/);
    expect(say('ru', { text: 'as the server said' })).toBe('as the server said');
  });

  it('maps a server field path to its question', () => {
    expect(questionIdFromPath('/answers/recommend')).toBe('recommend');
    expect(questionIdFromPath('/answers/a~1b')).toBe('a/b');
    expect(questionIdFromPath('/language')).toBeNull();
    expect(questionIdFromPath('/answers')).toBeNull();
  });

  it('puts coded server field errors beside their shown question, worded here, under a summary in the page language', () => {
    const shown = shownQuestionIds(questions, {});
    const placed = placeFieldErrors(questions, shown, {
      message: 'Answer recommend must be from 0 to 10 (and 2 more).',
      fields: [
        { path: '/answers/recommend', message: 'must be from 0 to 10', code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } },
        { path: '/answers/no_such_question', message: 'this survey has no question "no_such_question"', code: 'UNKNOWN_QUESTION', params: {} },
        { path: '/answers/problem_resolved', message: 'is only asked when had_problem is yes; leave it out', code: 'HIDDEN_BY_SHOW_IF', params: { questionId: 'had_problem', equals: 'yes' } },
      ],
    });
    expect(placed.byQuestion).toEqual({ recommend: { problem: { code: 'OUT_OF_RANGE', params: { min: 0, max: 10 } } } });
    expect(placed.formMessage.map((m) => say('ru', m))).toEqual([
      'Некоторые ответы требуют внимания. Проверьте выделенные вопросы.',
      'Опрос изменился с тех пор, как вы его открыли. Обновите страницу и ответьте ещё раз.',
      'Судя по вашим предыдущим ответам, этот вопрос к вам не относится. Обновите страницу и проверьте ответы.',
    ]);
  });

  it('falls back to the server\'s words only for errors without a code', () => {
    const placed = placeFieldErrors(questions, shownQuestionIds(questions, {}), {
      message: '/language must be one of en, ru, et, ka.',
      fields: [
        { path: '/language', message: 'must be one of en, ru, et, ka' },
        { path: '/answers/recommend', message: 'must be at most 10' },
      ],
    });
    expect(placed.byQuestion).toEqual({ recommend: { text: 'must be at most 10' } });
    expect(placed.formMessage).toEqual([{ text: '/language must be one of en, ru, et, ka.' }, { text: 'must be one of en, ru, et, ka' }]);
  });

  it('lists choices and fully labelled scales as labelled options, in the chosen language', () => {
    expect(labelledOptions(byId('had_problem'), 'et', 'Kohvik')).toEqual([{ value: 'yes', label: 'Jah' }, { value: 'no', label: 'Ei' }]);
    expect(labelledOptions(byId('share_of_wallet'), 'en', 'Kohvik')?.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect(labelledOptions(byId('share_of_wallet'), 'en', 'Kohvik')?.[2]?.label).toBe('About half');
    expect(labelledOptions(byId('recommend'), 'en', 'Kohvik')).toBeNull();
  });

  it('sends blank texts as unanswered and no answers to hidden questions', () => {
    const answers: Answers = { comment: '   ', had_problem: 'no', gesture_received: 'no', recommend: 10 };
    expect(answersToSubmit(questions, answers))
      .toEqual({ had_problem: 'no', recommend: 10 });
  });
});

describe('respondent draft', () => {
  it('restores answers and the submission id, dropping values that are not answers', () => {
    const stored = JSON.stringify({
      clientSubmissionId: 'abc', startedAt: '2026-01-02T03:04:05.000Z', answers: { recommend: 9, comment: 'hi', told_positive: null },
    });
    expect(parseDraft(stored)).toEqual({
      clientSubmissionId: 'abc', startedAt: '2026-01-02T03:04:05.000Z', answers: { recommend: 9, comment: 'hi' }, step: 0,
    });
  });

  it('restores the screen the respondent was on, and the first screen from a draft without one', () => {
    const draft = (step: unknown) => parseDraft(JSON.stringify({ clientSubmissionId: 'abc', answers: {}, step }))?.step;
    expect(draft(3)).toBe(3);
    expect(draft(undefined)).toBe(0);
    expect(draft(-1)).toBe(0);
    expect(draft(1.5)).toBe(0);
    expect(draft('2')).toBe(0);
  });

  it('starts afresh from nothing, broken JSON or a foreign shape', () => {
    expect(parseDraft(null)).toBeNull();
    expect(parseDraft('{oops')).toBeNull();
    expect(parseDraft('{"answers":{}}')).toBeNull();
  });

  it('makes a version 4 UUID even where crypto.randomUUID is missing (plain http)', () => {
    const withoutRandomUUID = { getRandomValues: crypto.getRandomValues.bind(crypto) } as unknown as Crypto;
    const id = newSubmissionId(withoutRandomUUID);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newSubmissionId(withoutRandomUUID)).not.toBe(id);
  });
});
