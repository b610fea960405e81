import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, type LocalText, type SurveyDefinition } from '../../../../../api/src/model/definition.js';
import {
  addQuestion,
  definitionPath,
  duplicateQuestion,
  fieldId,
  fittingRoles,
  freeId,
  missingLanguages,
  moveQuestion,
  placeProblems,
  questionIndexOf,
  removeQuestion,
  showIfCandidates,
  showIfValues,
  withRole,
} from './editor.js';

const text = (word: string): LocalText => ({ en: word, ru: word, et: word, ka: word });
const blank = (): SurveyDefinition => ({ title: text('T'), intro: text('I'), thankYou: text('Thanks'), questions: [], thresholds: DEFAULT_THRESHOLDS });

function sample(): SurveyDefinition {
  let definition = addQuestion(blank(), 'nps');
  definition = addQuestion(definition, 'yesNo');
  definition = addQuestion(definition, 'text');
  return definition;
}

describe('editing questions', () => {
  it('adds questions with free ids, and no second holder of a role', () => {
    let definition = sample();
    expect(definition.questions.map((question) => question.id)).toEqual(['q1', 'q2', 'q3']);
    definition = addQuestion(definition, 'nps');
    expect(definition.questions[3]!.role).toBeUndefined();
    expect(definition.questions[0]!.role).toBe('recommend');
  });

  it('does not change the definition it was given', () => {
    const definition = sample();
    addQuestion(definition, 'agree');
    moveQuestion(definition, 0, 1);
    expect(definition.questions).toHaveLength(3);
    expect(definition.questions[0]!.id).toBe('q1');
  });

  it('duplicates right after the original, with a free id and without the role', () => {
    const definition = duplicateQuestion(duplicateQuestion(sample(), 0), 0);
    expect(definition.questions.map((question) => question.id)).toEqual(['q1', 'q1_copy_2', 'q1_copy', 'q2', 'q3']);
    expect(definition.questions[1]!.role).toBeUndefined();
  });

  it('moves up and down, and not past the ends', () => {
    const definition = sample();
    expect(moveQuestion(definition, 0, 1).questions.map((q) => q.id)).toEqual(['q2', 'q1', 'q3']);
    expect(moveQuestion(definition, 2, -1).questions.map((q) => q.id)).toEqual(['q1', 'q3', 'q2']);
    expect(moveQuestion(definition, 0, -1)).toBe(definition);
    expect(moveQuestion(definition, 2, 1)).toBe(definition);
  });

  it('drops show-ifs pointing at a removed question', () => {
    const definition = sample();
    definition.questions[2]!.showIf = { questionId: 'q2', equals: 'yes' };
    const next = removeQuestion(definition, 1);
    expect(next.questions.map((q) => q.id)).toEqual(['q1', 'q3']);
    expect(next.questions[1]!.showIf).toBeUndefined();
  });

  it('finds free ids', () => {
    expect(freeId([{ id: 'q1' }, { id: 'q2' }], 'q')).toBe('q3');
    expect(freeId([{ id: 'q3' }], 'q')).toBe('q2');
    expect(freeId([{ id: 'x' }], 'x')).toBe('x_2');
  });
});

describe('roles and show-if', () => {
  it('offers only the roles a question fits', () => {
    const definition = sample();
    expect(fittingRoles(definition.questions[0]!)).toEqual(['overall_satisfaction', 'recommend', 'full_price_return']);
    expect(fittingRoles(definition.questions[1]!)).toEqual(['promo_decided', 'had_problem', 'gesture_received']);
    expect(fittingRoles(definition.questions[2]!)).toEqual([]);
    const rating = addQuestion(blank(), 'rating').questions[0]!;
    expect(fittingRoles(rating)).toEqual(['overall_satisfaction', 'full_price_return']);
  });

  it('sets the construct a role needs', () => {
    const question = withRole(sample().questions[1]!, 'promo_decided');
    expect(question).toMatchObject({ role: 'promo_decided', construct: 'discount' });
    expect(withRole(question, null).role).toBeUndefined();
  });

  it('lets a show-if wait only for an earlier question with fixed answers', () => {
    const definition = sample();
    expect(showIfCandidates(definition, 0)).toEqual([]);
    expect(showIfCandidates(definition, 2).map((q) => q.id)).toEqual(['q1', 'q2']);
    expect(showIfValues(definition.questions[1]!)).toEqual(['yes', 'no']);
    expect(showIfValues(definition.questions[0]!)).toHaveLength(11);
  });
});

describe('where problems are shown', () => {
  it('puts a problem at its input, a 422 field the same way', () => {
    const definition = sample();
    const placed = placeProblems(
      [
        { path: '/questions/2/text/ru', code: 'MISSING_TEXT', message: 'no ru text' },
        { path: '/definition/questions/1/id', code: 'DUPLICATE_ID', message: 'dup' },
      ],
      definition,
    );
    expect(placed.get('/questions/2/text/ru')?.[0]?.code).toBe('MISSING_TEXT');
    expect(placed.get('/questions/1/id')?.[0]?.code).toBe('DUPLICATE_ID');
  });

  it('puts a problem without its own input at the nearest field above it', () => {
    const definition = sample();
    const placed = placeProblems(
      [
        { path: '/questions/1/options/0/label/xx', message: 'a' },
        { path: '/questions/0/unknownField', message: 'b' },
        { path: '/questions/9/id', message: 'c' },
        { path: '/nonsense', message: 'd' },
      ],
      definition,
    );
    expect(placed.get('/questions/1/options/0')?.[0]?.message).toBe('a');
    expect(placed.get('/questions/0')?.[0]?.message).toBe('b');
    expect(placed.get('/questions')?.[0]?.message).toBe('c');
    expect(placed.get('')?.[0]?.message).toBe('d');
  });

  it('names inputs by their path', () => {
    expect(fieldId('/questions/3/text/ru')).toBe('f-questions-3-text-ru');
    expect(definitionPath('/definition/title/en')).toBe('/title/en');
    expect(questionIndexOf('/definition/questions/12/role')).toBe(12);
    expect(questionIndexOf('/title/en')).toBeNull();
  });

  it('finds missing translations among the survey languages only', () => {
    expect(missingLanguages({ en: 'a', ru: ' ', et: '', ka: 'b' }, ['en', 'ru', 'ka'])).toEqual(['ru']);
  });
});
