/**
 * Saved report states (segmentReportState.ts): any split of the respondents into parts, their states
 * saved as JSON and merged in any order, finishes like one report fed everyone; states of another
 * survey scoring or format are refused; the headline and any change event can be read from states.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Answers, Question, ScaleQuestion, SurveyDefinition } from '../model/definition.js';
import { fullTemplate, shortTemplate } from '../model/template.js';
import { csatFromCounts } from './csat.js';
import { StateMismatchError } from './jsonState.js';
import { npsFromCounts } from './nps.js';
import type { JsonState } from './scoredRespondent.js';
import type { Respondent } from './scoring.js';
import { createSegmentReport, type SegmentReportOptions } from './segmentReport.js';
import { compareAroundEvent, headlineOfState, sumHeadlines } from './segmentReportState.js';
import type { VersionDefinition } from './surveyScoring.js';

const DAY_MS = 86_400_000;
const START = Date.UTC(2025, 0, 1);
const FAST: SegmentReportOptions = { bootstrap: { resamples: 40, seed: 5 } };

/** Version 1 of a template: one satisfaction item fewer and the overall question on 1–7 (both warn), so versions differ. */
function olderVersion(definition: SurveyDefinition): SurveyDefinition {
  const questions = definition.questions
    .filter((question) => question.id !== 'sat_price')
    .map((question): Question => (question.id === 'sat_overall' ? { ...(question as ScaleQuestion), max: 7 } : question));
  return { ...definition, questions };
}

/** Loyalist-expectation items on 0–20: 21⁴ answer patterns, too many for a histogram, so reliability takes the cross-product matrix. */
function wideExpectations(definition: SurveyDefinition): SurveyDefinition {
  const questions = definition.questions.map((question): Question =>
    question.construct === 'loyalist_expectations' && question.type === 'scale' ? { ...question, min: 0, max: 20 } : question,
  );
  return { ...definition, questions };
}

const SURVEYS: Record<string, readonly VersionDefinition[]> = {
  fullWide: [{ version: 1, definition: wideExpectations(fullTemplate()) }],
  full: [{ version: 1, definition: fullTemplate() }],
  short: [{ version: 1, definition: shortTemplate() }],
  fullVersions: [
    { version: 1, definition: olderVersion(fullTemplate()) },
    { version: 2, definition: fullTemplate() },
  ],
  shortVersions: [
    { version: 3, definition: olderVersion(shortTemplate()) },
    { version: 5, definition: shortTemplate() },
  ],
};

/** An answer that fits the question, sometimes none, rarely a damaged one (out of range). */
function answerArbitrary(question: Question): fc.Arbitrary<number | string | undefined> {
  const answer = ((): fc.Arbitrary<number | string> => {
    switch (question.type) {
      case 'scale':
        return fc.oneof({ weight: 30, arbitrary: fc.integer({ min: question.min, max: question.max }) }, { weight: 1, arbitrary: fc.constant(99) });
      case 'count':
        return fc.oneof(fc.integer({ min: 0, max: 9 }), fc.constantFrom(question.min, question.max));
      case 'choice':
        return fc.constantFrom(...question.options.map((option) => option.value));
      case 'text':
        return fc.string({ minLength: 1, maxLength: 8 });
    }
  })();
  return fc.option(answer, { nil: undefined, freq: 6 });
}

function answersArbitrary(definition: SurveyDefinition): fc.Arbitrary<Answers> {
  return fc.tuple(...definition.questions.map(answerArbitrary)).map((values) => {
    const answers: Answers = {};
    definition.questions.forEach((question, i) => {
      const value = values[i];
      if (value === undefined) return;
      if (question.showIf && answers[question.showIf.questionId] !== question.showIf.equals) return;
      answers[question.id] = value;
    });
    return answers;
  });
}

/** A respondent of one of the versions (or of a version the survey does not have), on one of 30 days, some undated, some with purchases. */
function respondentArbitrary(versions: readonly VersionDefinition[], withPurchases: boolean): fc.Arbitrary<Respondent> {
  const versionIndex = fc.integer({ min: 0, max: versions.length });
  return versionIndex.chain((index) => {
    const known = versions[Math.min(index, versions.length - 1)]!;
    return fc.record({
      answers: answersArbitrary(known.definition),
      day: fc.integer({ min: 0, max: 29 }),
      minute: fc.integer({ min: 0, max: 1439 }),
      dated: fc.oneof({ weight: 12, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      purchases: withPurchases ? fc.option(fc.array(fc.integer({ min: -400, max: 400 }), { maxLength: 5 }), { nil: undefined }) : fc.constant(undefined),
    }).map(({ answers, day, minute, dated, purchases }): Respondent => {
      const surveyedAt = START + day * DAY_MS + minute * 60_000;
      const respondent: Respondent = { answers, version: index === versions.length ? 99 : known.version };
      if (dated) respondent.surveyedAt = surveyedAt;
      if (dated && purchases) respondent.purchases = { purchasedAt: purchases.map((days) => surveyedAt + days * DAY_MS + 1) };
      return respondent;
    });
  });
}

/** Reports agree: counts exactly, floating-point results to 1e-9 relative (as properties.test.ts). */
function expectSameReport(a: unknown, b: unknown, path = 'report'): void {
  if (typeof a === 'number' && typeof b === 'number') {
    if (a === b) return; // equal infinities too
    if (Number.isNaN(a) || Number.isNaN(b)) expect(Number.isNaN(a) && Number.isNaN(b), path).toBe(true);
    else expect(Math.abs(a - b), `${path}: ${a} vs ${b}`).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a), Math.abs(b)));
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    expect(a.length, path).toBe(b.length);
    a.forEach((item, i) => expectSameReport(item, b[i], `${path}[${i}]`));
    return;
  }
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    expect(Object.keys(a).sort(), path).toEqual(Object.keys(b).sort());
    for (const key of Object.keys(a)) expectSameReport((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
    return;
  }
  expect(a, path).toEqual(b);
}

/** Through JSON text and back, as the database keeps it. */
const roundTrip = (state: JsonState): JsonState => JSON.parse(JSON.stringify(state)) as JsonState;

const surveyName = fc.constantFrom(...Object.keys(SURVEYS));
const scenario = fc.record({ name: surveyName, withPurchases: fc.boolean(), withEvent: fc.boolean() }).chain(({ name, withPurchases, withEvent }) =>
  fc.record({
    name: fc.constant(name),
    withEvent: fc.constant(withEvent),
    respondents: fc.array(respondentArbitrary(SURVEYS[name]!, withPurchases), { minLength: 0, maxLength: 120 }),
    parts: fc.integer({ min: 1, max: 20 }),
    assignment: fc.array(fc.nat(), { minLength: 120, maxLength: 120 }),
    mergeOrder: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
  }),
);

describe('segment report states', () => {
  it('any split into 1–20 parts, saved as JSON and merged in any order, finishes like one report fed every respondent', () => {
    fc.assert(
      fc.property(scenario, ({ name, withEvent, respondents, parts, assignment, mergeOrder }) => {
        const survey = SURVEYS[name]!;
        const options: SegmentReportOptions = withEvent ? { ...FAST, changeEvent: { at: START + 14.5 * DAY_MS, label: 'new recipe' } } : FAST;
        const whole = createSegmentReport(survey, options);
        const pieces = Array.from({ length: parts }, () => createSegmentReport(survey, options));
        respondents.forEach((respondent, i) => {
          whole.add(respondent);
          pieces[assignment[i]! % parts]!.add(respondent);
        });
        // Merge in a random tree: two states at random into a new report, whose state takes their place.
        const states = pieces.map((piece) => roundTrip(piece.state()));
        let step = 0;
        while (states.length > 1) {
          const first = states.splice(mergeOrder[step++ % mergeOrder.length]! % states.length, 1)[0]!;
          const second = states.splice(mergeOrder[step++ % mergeOrder.length]! % states.length, 1)[0]!;
          const merged = createSegmentReport(survey, options);
          merged.merge(first);
          merged.merge(second);
          states.push(roundTrip(merged.state()));
        }
        const merged = createSegmentReport(survey, options);
        merged.merge(states[0]!);
        expectSameReport(merged.finish(), whole.finish());
      }),
      { seed: 20261202, numRuns: 60 },
    );
  });

  it('keeps states plain JSON: finite numbers only, unchanged by JSON text, independent of later respondents', () => {
    fc.assert(
      fc.property(scenario, ({ name, respondents }) => {
        const report = createSegmentReport(SURVEYS[name]!, FAST);
        respondents.forEach((respondent) => report.add(respondent));
        const state = report.state();
        const finite = (value: unknown): boolean =>
          typeof value === 'number' ? Number.isFinite(value) : Array.isArray(value) ? value.every(finite) : value !== null && typeof value === 'object' ? Object.values(value).every(finite) : true;
        expect(finite(state)).toBe(true);
        expect(roundTrip(state)).toEqual(state);
        const copy = roundTrip(state);
        report.add(respondents[0] ?? { answers: { sat_overall: 3 } });
        expect(state).toEqual(copy);
      }),
      { seed: 7, numRuns: 20 },
    );
  });

  it('reads the headline counts of a state without finishing it', () => {
    fc.assert(
      fc.property(scenario, ({ name, respondents }) => {
        const report = createSegmentReport(SURVEYS[name]!, FAST);
        respondents.forEach((respondent) => report.add(respondent));
        const headline = headlineOfState(roundTrip(report.state()));
        const full = report.finish();
        expect(headline.n).toBe(full.n);
        expect(headline.classified).toBe(full.classified);
        expect(headline.withLoyaltyType).toBe(full.withLoyaltyType);
        expect(headline.segments).toEqual(full.segments.map((s) => ({ segment: s.segment, count: s.share.successes })));
        expect(headline.loyaltyTypes).toEqual(full.loyaltyTypes.map((t) => ({ type: t.type, count: t.share.successes })));
        expect(headline.versions).toEqual(full.versions);
        expect(headline.recommend === null ? null : npsFromCounts(headline.recommend)).toEqual(full.nps);
        expect(headline.satisfaction === null ? null : { question: headline.satisfaction.question, ...csatFromCounts(headline.satisfaction.counts) }).toEqual(full.csat);
        // The headlines of two halves add up to the headline of everyone.
        const halves = [createSegmentReport(SURVEYS[name]!, FAST), createSegmentReport(SURVEYS[name]!, FAST)];
        respondents.forEach((respondent, i) => halves[i % 2]!.add(respondent));
        expect(sumHeadlines(halves.map((half) => headlineOfState(half.state())))).toEqual(headline);
      }),
      { seed: 11, numRuns: 20 },
    );
  });

  it('compares around any event from the states of the days before and after it, as a report made with that event does', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 30 * 24 - 1 }), ({ name, respondents }, hour) => {
        const survey = SURVEYS[name]!;
        const event = { at: START + hour * 3_600_000, label: 'price rise' };
        const eventDay = Math.floor((event.at - START) / DAY_MS);
        // Day states as the store keeps them; undated respondents are in a day state of their own.
        const days = new Map<number, ReturnType<typeof createSegmentReport>>();
        const before = createSegmentReport(survey, FAST);
        const after = createSegmentReport(survey, FAST);
        for (const respondent of respondents) {
          const day = respondent.surveyedAt === undefined ? -1 : Math.floor((respondent.surveyedAt - START) / DAY_MS);
          // The event's own day is fed live, split by time.
          if (day === eventDay) (respondent.surveyedAt! >= event.at ? after : before).add(respondent);
          else {
            if (!days.has(day)) days.set(day, createSegmentReport(survey, FAST));
            days.get(day)!.add(respondent);
          }
        }
        for (const [day, report] of days) (day < eventDay ? before : after).merge(roundTrip(report.state()));
        const expected = createSegmentReport(survey, { ...FAST, changeEvent: event });
        respondents.forEach((respondent) => expected.add(respondent));
        expectSameReport(compareAroundEvent(event, roundTrip(before.state()), roundTrip(after.state())), expected.finish().changeEvent);
      }),
      { seed: 3, numRuns: 30 },
    );
  });

  it('compares around an event with no day on one side', () => {
    const survey = SURVEYS.full!;
    const report = createSegmentReport(survey, FAST);
    report.add({ answers: { sat_overall: 5, recommend: 10 }, surveyedAt: START });
    const result = compareAroundEvent({ at: START - DAY_MS }, null, report.state());
    expect([result.before.n, result.after.n, result.after.nps.n]).toEqual([0, 1, 1]);
    expect(() => compareAroundEvent({ at: START }, null, null)).toThrow(StateMismatchError);
  });
});

describe('refusing a state that does not belong', () => {
  const full = () => createSegmentReport(SURVEYS.full!, FAST);
  const filled = (report: ReturnType<typeof createSegmentReport>) => {
    report.add({ answers: { sat_overall: 4, recommend: 9, feel_loss: 4 }, surveyedAt: START });
    return report;
  };

  it('throws on a state of another survey scoring: another template, other versions, other thresholds', () => {
    const foreign = [
      createSegmentReport(SURVEYS.short!, FAST),
      createSegmentReport(SURVEYS.fullVersions!, FAST),
      createSegmentReport(SURVEYS.full!, { ...FAST, thresholds: { satisfaction: 0.7, emotional: 0.75, behavioural: 0.75 } }),
    ];
    for (const other of foreign) {
      const report = filled(full());
      const before = report.state();
      expect(report.accepts(filled(other).state())).toBe(false);
      expect(() => report.merge(filled(other).state())).toThrow(StateMismatchError);
      expect(report.state()).toEqual(before);
    }
  });

  it('takes a state of the same survey whatever its texts, and another bootstrap', () => {
    const definition = fullTemplate();
    const retitled = { ...definition, title: { ...definition.title, en: 'Another title' } };
    const report = createSegmentReport(definition, FAST);
    const other = filled(createSegmentReport(retitled, { bootstrap: { resamples: 10, seed: 1 } }));
    expect(report.accepts(other.state())).toBe(true);
    report.merge(other.state());
    expect(report.finish().n).toBe(1);
  });

  it('throws on a state of another format, without parts, or damaged', () => {
    const report = full();
    const state = filled(full()).state();
    expect(() => report.merge({ ...state, format: state.format + 1 })).toThrow(StateMismatchError);
    expect(report.accepts({ ...state, format: state.format + 1 })).toBe(false);
    expect(() => report.merge({ ...state, parts: { ...state.parts, retention: null } })).toThrow(StateMismatchError);
    expect(() => report.merge({ ...state, parts: { ...state.parts, counts: { ...(state.parts.counts as object), segments: [1, 2] } } })).toThrow(StateMismatchError);
    expect(() => report.merge(42)).toThrow(StateMismatchError);
    expect(report.finish().n).toBe(0);
  });

  it('throws when a report made with a change event is given a state without it or of another event', () => {
    const options = { ...FAST, changeEvent: { at: START } };
    const report = createSegmentReport(SURVEYS.full!, options);
    expect(() => report.merge(filled(full()).state())).toThrow(StateMismatchError);
    const otherEvent = filled(createSegmentReport(SURVEYS.full!, { ...FAST, changeEvent: { at: START + 1 } }));
    expect(() => report.merge(otherEvent.state())).toThrow(StateMismatchError);
    // A report without an event takes a state made with one: the event's counters are not its own.
    const plain = full();
    plain.merge(filled(createSegmentReport(SURVEYS.full!, options)).state());
    expect(plain.finish().n).toBe(1);
  });
});
