import { describe, expect, it } from 'vitest';
import type { Question, SurveyDefinition } from '../model/definition.js';
import { shortTemplate } from '../model/template.js';
import { sameValue, versionChanges } from './versionChanges.js';

/** The short template with `change` applied to a copy. */
function edited(change: (definition: SurveyDefinition) => void): SurveyDefinition {
  const definition = shortTemplate();
  change(definition);
  return definition;
}

const question = (definition: SurveyDefinition, id: string): Question => definition.questions.find((q) => q.id === id)!;

/** The same definition with every object's keys in reverse order, as jsonb may give them back. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([key, inner]) => [key, reversedKeys(inner)])) as T;
}

describe('versionChanges', () => {
  it('says a first version was created', () => {
    expect(versionChanges(null, shortTemplate())).toEqual([{ kind: 'created' }]);
  });

  it('finds nothing between equal definitions, whatever order their keys come in', () => {
    const stored = reversedKeys(shortTemplate());
    expect(JSON.stringify(stored)).not.toBe(JSON.stringify(shortTemplate()));
    expect(versionChanges(shortTemplate(), stored)).toEqual([]);
  });

  it('names the survey-level fields that changed: texts per language, thresholds, languages', () => {
    const next = edited((d) => {
      d.title.et = 'Uus pealkiri';
      d.thankYou.ru = 'Спасибо!';
      d.thresholds.satisfaction = 0.6;
      d.languages = ['en', 'et'];
    });
    expect(versionChanges(shortTemplate(), next)).toEqual([{ kind: 'survey', fields: ['title.et', 'thankYou.ru', 'languages', 'thresholds'] }]);
  });

  it('takes an absent language list and all four languages spelled out as the same', () => {
    expect(versionChanges(shortTemplate(), edited((d) => (d.languages = ['en', 'ru', 'et', 'ka'])))).toEqual([]);
    expect(versionChanges(shortTemplate(), edited((d) => (d.languages = ['ru', 'en', 'et', 'ka'])))).toEqual([{ kind: 'survey', fields: ['languages'] }]);
  });

  it('lists removed and added questions by id', () => {
    const next = edited((d) => {
      d.questions = d.questions.filter((q) => q.id !== 'repurchase');
      d.questions.push({ id: 'visit_again', type: 'text', construct: 'open', text: { en: 'Why?', ru: 'Почему?', et: 'Miks?', ka: 'რატომ?' }, required: false, maxLength: 500 });
    });
    expect(versionChanges(shortTemplate(), next)).toEqual([
      { kind: 'removed', questionId: 'repurchase' },
      { kind: 'added', questionId: 'visit_again' },
    ]);
  });

  it('names the changed fields of a question, texts per language', () => {
    const next = edited((d) => {
      const recommend = question(d, 'recommend');
      recommend.text.ru = 'Порекомендуете ли вы нас?';
      recommend.text.ka = 'გაგვიწევთ რეკომენდაციას?';
      recommend.required = !recommend.required;
      if (recommend.type === 'scale') recommend.minLabel.en = 'Never';
      question(d, 'full_price_return').showIf = { questionId: 'promo_decided', equals: 'yes' };
    });
    expect(versionChanges(shortTemplate(), next)).toEqual([
      { kind: 'changed', questionId: 'recommend', fields: ['text.ru', 'text.ka', 'required', 'minLabel.en'] },
      { kind: 'changed', questionId: 'full_price_return', fields: ['showIf'] },
    ]);
  });

  it('says which question moved, not every question whose position shifted', () => {
    const before = shortTemplate();
    const ids = before.questions.map((q) => q.id);
    const next = edited((d) => {
      const last = d.questions.pop()!;
      d.questions.unshift(last);
    });
    expect(versionChanges(before, next)).toEqual([{ kind: 'moved', questionId: ids[ids.length - 1] }]);
  });

  it('lists a question that moved and changed under both', () => {
    const before = shortTemplate();
    const next = edited((d) => {
      const first = d.questions.shift()!;
      first.required = false;
      d.questions.push(first);
    });
    const firstId = before.questions[0]!.id;
    expect(versionChanges(before, next)).toEqual([
      { kind: 'moved', questionId: firstId },
      { kind: 'changed', questionId: firstId, fields: ['required'] },
    ]);
  });

  it('names a field that appeared or went away, such as reversed or a role', () => {
    const next = edited((d) => {
      const sat = question(d, 'sat_overall');
      if (sat.type === 'scale') sat.reversed = true;
      delete question(d, 'recommend').role;
    });
    expect(versionChanges(shortTemplate(), next)).toEqual([
      { kind: 'changed', questionId: 'sat_overall', fields: ['reversed'] },
      { kind: 'changed', questionId: 'recommend', fields: ['role'] },
    ]);
  });
});

describe('sameValue', () => {
  it('compares by content, arrays in order', () => {
    expect(sameValue({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: undefined }, {})).toBe(true);
    expect(sameValue(null, {})).toBe(false);
  });
});
