/**
 * Item non-response against a direct count (model/answers.ts shownQuestionIds decides what was
 * shown), across two versions, with show-if, damaged answers and merged states.
 */
import { describe, expect, it } from 'vitest';
import { shownQuestionIds } from '../model/answers.js';
import { DEFAULT_THRESHOLDS, type SurveyDefinition } from '../model/definition.js';
import { fullTemplate } from '../model/template.js';
import { fixtureRespondents } from './fixtures/statistics/respondents.js';
import { createItemNonResponse } from './itemNonResponse.js';
import { scoreAndSegment } from './scoredRespondent.js';
import type { Respondent } from './scoring.js';
import { compileSurveyScoring, type VersionDefinition } from './surveyScoring.js';
import { wilsonInterval } from './wilson.js';

function run(survey: SurveyDefinition | readonly VersionDefinition[], respondents: readonly Respondent[]) {
  const scoring = compileSurveyScoring(survey);
  const accumulator = createItemNonResponse(survey);
  for (const respondent of respondents) accumulator.add(scoreAndSegment(scoring, DEFAULT_THRESHOLDS, respondent));
  return accumulator;
}

describe('item non-response', () => {
  const newest = fullTemplate();
  // Version 1 lacked sat_price and asked for the gesture of everybody.
  const older = fullTemplate();
  older.questions = older.questions.filter((q) => q.id !== 'sat_price').map((q) => (q.id === 'gesture_received' ? { ...q, showIf: undefined } : q));
  const versions = [{ version: 2, definition: newest }, { version: 1, definition: older }];
  const respondents = [
    ...fixtureRespondents(newest, 300, 5).map((r) => ({ ...r, version: 2 })),
    ...fixtureRespondents(older, 200, 6).map((r) => ({ ...r, version: 1 })),
  ];
  const result = run(versions, respondents).finish();

  it('counts, per scale and role question of the newest version, those shown it and those who skipped it', () => {
    expect(result.items.map((i) => i.item)).toEqual(newest.questions.filter((q) => q.type !== 'text').map((q) => q.id));
    for (const { item, asked, skipped, conditional } of result.items) {
      let directAsked = 0;
      let directSkipped = 0;
      for (const respondent of respondents) {
        const definition = respondent.version === 1 ? older : newest;
        if (!shownQuestionIds(definition.questions, respondent.answers).has(item)) continue;
        directAsked++;
        if (respondent.answers[item] === undefined) directSkipped++;
      }
      expect({ item, asked, skipped: skipped.successes }).toEqual({ item, asked: directAsked, skipped: directSkipped });
      expect(skipped.ci95).toEqual(wilsonInterval(directSkipped, directAsked));
      expect(conditional).toBe(item === 'problem_resolved' || item === 'gesture_received');
    }
    const byId = new Map(result.items.map((i) => [i.item, i]));
    expect(byId.get('sat_price')!.asked).toBeLessThanOrEqual(300);
    expect(byId.get('problem_resolved')!.asked).toBeLessThan(byId.get('had_problem')!.asked);
  });

  it('counts a damaged answer as skipped and a hidden question as not asked', () => {
    const one = run(newest, [{ answers: { sat_overall: 9, had_problem: 'no', problem_resolved: 'resolved', expectation: 'toString' } }]).finish();
    const byId = new Map(one.items.map((i) => [i.item, i]));
    expect(byId.get('sat_overall')).toMatchObject({ asked: 1, skipped: { successes: 1 } });
    expect(byId.get('expectation')).toMatchObject({ asked: 1, skipped: { successes: 1 } });
    expect(byId.get('had_problem')).toMatchObject({ asked: 1, skipped: { successes: 0 } });
    expect(byId.get('problem_resolved')).toMatchObject({ asked: 0, skipped: { share: null } });
  });

  it('merges states as if the respondents had been added to one accumulator', () => {
    const merged = run(versions, []);
    merged.merge(JSON.parse(JSON.stringify(run(versions, respondents.slice(0, 123)).state())));
    merged.merge(run(versions, respondents.slice(123)).state());
    expect(merged.finish()).toEqual(result);
    expect(() => merged.merge({ asked: [1], skipped: [0] })).toThrow(RangeError);
  });
});
