import { describe, expect, it } from 'vitest';
import { fullTemplate, shortTemplate } from '../../../../../api/src/model/template.js';
import { answersToSubmit, isShown, labelledOptions, placeFieldErrors, questionIdFromPath, validate, withoutHiddenAnswers } from './form.js';
import { newSubmissionId, parseDraft } from './draft.js';

const questions = fullTemplate().questions;
const byId = (id: string) => questions.find((q) => q.id === id)!;
const completeShortAnswers = {
  sat_overall: 4, recommend: 9, repurchase: 5, stay_vs_competitor: 3, promo_decided: 'no', full_price_return: 4,
};

describe('respondent form rules', () => {
  it('shows problem_resolved only when had_problem is yes', () => {
    expect(isShown(byId('problem_resolved'), {})).toBe(false);
    expect(isShown(byId('problem_resolved'), { had_problem: 'no' })).toBe(false);
    expect(isShown(byId('problem_resolved'), { had_problem: 'yes' })).toBe(true);
  });

  it('drops answers to questions that became hidden, and keeps the rest', () => {
    const answers = { had_problem: 'no', problem_resolved: 'partly', gesture_received: 'yes', recommend: 7 };
    expect(withoutHiddenAnswers(questions, answers)).toEqual({ had_problem: 'no', recommend: 7 });
  });

  it('drops answers down a chain of dependent questions', () => {
    const chain = [
      { ...byId('had_problem') },
      { ...byId('problem_resolved') },
      { ...byId('gesture_received'), showIf: { questionId: 'problem_resolved', equals: 'resolved' } },
    ];
    expect(withoutHiddenAnswers(chain, { had_problem: 'no', problem_resolved: 'resolved', gesture_received: 'yes' }))
      .toEqual({ had_problem: 'no' });
  });

  it('asks for every required question and nothing else', () => {
    const errors = validate(shortTemplate().questions, {});
    expect(Object.keys(errors).sort()).toEqual(Object.keys(completeShortAnswers).sort());
    expect(errors.recommend).toEqual({ key: 'errorRequired' });
    expect(validate(shortTemplate().questions, completeShortAnswers)).toEqual({});
  });

  it('refuses counts that are not whole numbers in range', () => {
    const base = { ...completeShortAnswers };
    const outOfRange = { key: 'errorWholeNumber', params: { min: 0, max: 1000 } };
    expect(validate(questions, { ...base, told_positive: 1001 }).told_positive).toEqual(outOfRange);
    expect(validate(questions, { ...base, told_positive: 2.5 }).told_positive).toEqual(outOfRange);
    expect(validate(questions, { ...base, told_positive: Number.NaN }).told_positive).toEqual(outOfRange);
    expect(validate(questions, { ...base, told_positive: 0 }).told_positive).toBeUndefined();
  });

  it('does not check hidden questions', () => {
    const required = questions.map((q) => (q.id === 'problem_resolved' ? { ...q, required: true } : q));
    expect(validate(required, { had_problem: 'no' }).problem_resolved).toBeUndefined();
    expect(validate(required, { had_problem: 'yes' }).problem_resolved).toBeDefined();
  });

  it('maps a server field path to its question', () => {
    expect(questionIdFromPath('/answers/recommend')).toBe('recommend');
    expect(questionIdFromPath('/answers/a~1b')).toBe('a/b');
    expect(questionIdFromPath('/language')).toBeNull();
    expect(questionIdFromPath('/answers')).toBeNull();
  });

  it('puts server field errors beside their question, and the rest with the form message', () => {
    const placed = placeFieldErrors(questions, [
      { path: '/answers/recommend', message: 'must be at most 10' },
      { path: '/language', message: 'must be one of en, ru, et, ka' },
      { path: '/answers/no_such_question', message: 'is not a question of this survey' },
    ]);
    expect(placed.byQuestion).toEqual({ recommend: { text: 'must be at most 10' } });
    expect(placed.elsewhere).toEqual(['must be one of en, ru, et, ka', 'is not a question of this survey']);
  });

  it('lists choices and fully labelled scales as labelled options, in the chosen language', () => {
    expect(labelledOptions(byId('had_problem'), 'et', 'Kohvik')).toEqual([{ value: 'yes', label: 'Jah' }, { value: 'no', label: 'Ei' }]);
    expect(labelledOptions(byId('share_of_wallet'), 'en', 'Kohvik')?.map((o) => o.value)).toEqual([1, 2, 3, 4, 5]);
    expect(labelledOptions(byId('share_of_wallet'), 'en', 'Kohvik')?.[2]?.label).toBe('About half');
    expect(labelledOptions(byId('recommend'), 'en', 'Kohvik')).toBeNull();
  });

  it('sends blank texts as unanswered and no answers to hidden questions', () => {
    expect(answersToSubmit(questions, { comment: '   ', had_problem: 'no', gesture_received: 'no', recommend: 10 }))
      .toEqual({ had_problem: 'no', recommend: 10 });
  });
});

describe('respondent draft', () => {
  it('restores answers and the submission id, dropping values that are not answers', () => {
    const stored = JSON.stringify({
      clientSubmissionId: 'abc', startedAt: '2026-01-02T03:04:05.000Z', answers: { recommend: 9, comment: 'hi', told_positive: null },
    });
    expect(parseDraft(stored)).toEqual({
      clientSubmissionId: 'abc', startedAt: '2026-01-02T03:04:05.000Z', answers: { recommend: 9, comment: 'hi' },
    });
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
