import { describe, expect, it } from 'vitest';
import type { Answers } from '../model/definition.js';
import { fullTemplate } from '../model/template.js';
import { segmentReport } from './segmentReport.js';

/** A respondent of the full template with every item answered; `k` varies the answers a little. */
function respondent(k: number, overrides: Answers = {}): Answers {
  const level = 1 + (k % 5);
  return {
    sat_overall: level,
    sat_product: 1 + ((k * 3) % 5),
    sat_service: 1 + ((k * 7) % 5),
    sat_price: 1 + ((k * 2 + 1) % 5),
    expectation: (['not_delivered', 'partly', 'as_expected', 'exceeded'] as const)[k % 4]!,
    recommend: (k * 3) % 11,
    feel_loss: 1 + ((k + 1) % 5),
    speak_positively: 1 + ((k * 4) % 5),
    repurchase: 1 + ((k + 2) % 5),
    share_of_wallet: 1 + ((k * 6) % 5),
    stay_vs_competitor: 1 + ((k + 3) % 5),
    promo_decided: k % 3 === 0 ? 'yes' : 'no',
    full_price_return: 1 + ((k * 5 + 2) % 5),
    told_positive: k % 4,
    told_negative: (k * 3) % 5,
    ...overrides,
  };
}

const many = (count: number, overrides: Answers = {}) => Array.from({ length: count }, (_, k) => ({ answers: respondent(k, overrides) }));

function without(answers: Answers, ...ids: string[]): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([id]) => !ids.includes(id)));
}

describe('segment report warnings', () => {
  it('carries the part, the code and params, never an English sentence', () => {
    const report = segmentReport(fullTemplate(), many(12));
    expect(report.warnings.length).toBeGreaterThan(0);
    for (const warning of report.warnings) {
      expect(Object.keys(warning).sort()).toEqual(['code', 'params', 'part']);
    }
    expect(report.warnings).toContainEqual({ part: 'nps', code: 'SMALL_SAMPLE', params: { n: 12, min: 30 } });
  });

  it('says price hunters cannot be told apart when nobody answered the discount items', () => {
    const respondents = many(40).map(({ answers }) => ({ answers: without(answers, 'promo_decided', 'full_price_return') }));
    const report = segmentReport(fullTemplate(), respondents);
    expect(report.segments.find((s) => s.segment === 'price_hunter')?.share.share).toBe(0);
    expect(report.warnings).toContainEqual({ part: 'segments', code: 'PRICE_HUNTERS_UNKNOWN', params: {} });
    expect(segmentReport(fullTemplate(), many(40)).warnings.map((w) => w.code)).not.toContain('PRICE_HUNTERS_UNKNOWN');
  });

  it('drops a predictor nobody answered and fits the drivers on the rest', () => {
    const respondents = many(80).map(({ answers }) => ({ answers: without(answers, 'sat_price') }));
    const report = segmentReport(fullTemplate(), respondents);
    expect(report.warnings).toContainEqual({ part: 'drivers', code: 'DRIVERS_PREDICTOR_UNANSWERED', params: { predictor: 'sat_price' } });
    expect(report.drivers.predictors).toEqual(['sat_product', 'sat_service', 'expectation']);
    for (const model of report.drivers.models) {
      expect(model.result.n).toBe(80);
      expect(model.result.rSquared).not.toBeNull();
    }
    const full = segmentReport(fullTemplate(), many(80));
    expect(full.drivers.predictors).toEqual(['sat_product', 'sat_service', 'sat_price', 'expectation']);
    expect(full.warnings.map((w) => w.code)).not.toContain('DRIVERS_PREDICTOR_UNANSWERED');
  });

  it('drops a predictor that is the same for everyone and fits the drivers on the rest', () => {
    const report = segmentReport(fullTemplate(), many(80, { expectation: 'as_expected' }));
    expect(report.warnings).toContainEqual({ part: 'drivers', code: 'DRIVERS_PREDICTOR_CONSTANT', params: { predictor: 'expectation', value: 2 / 3 } });
    expect(report.drivers.predictors).toEqual(['sat_product', 'sat_service', 'sat_price']);
    for (const model of report.drivers.models) expect(model.result.rSquared).not.toBeNull();
  });

  it('names a driver model’s outcome and an alpha’s construct in the params', () => {
    const report = segmentReport(fullTemplate(), many(12));
    const drivers = report.warnings.filter((w) => w.part === 'drivers');
    expect(drivers.map((w) => w.params.outcome)).toEqual(expect.arrayContaining(['satisfaction', 'emotional', 'behavioural']));
    const reliability = report.warnings.filter((w) => w.part === 'reliability');
    expect(reliability.map((w) => w.params.construct)).toContain('emotional');
  });

  it('says the word-of-mouth ratio is undefined when nobody told anyone anything good, not blaming the bootstrap', () => {
    const report = segmentReport(fullTemplate(), many(40, { told_positive: 0 }));
    expect(report.wordOfMouth.overall.ratio.ratio).toBeNull();
    const codes = report.warnings.filter((w) => w.part === 'word_of_mouth').map((w) => w.code);
    expect(codes).toEqual(['WOM_NO_POSITIVE']);
  });

  it('calls the change event’s groups before and after, not A and B', () => {
    const respondents = many(30).map(({ answers }, k) => ({ answers, surveyedAt: Date.UTC(2026, 0, 1 + k) }));
    const report = segmentReport(fullTemplate(), respondents, { changeEvent: { at: Date.UTC(2026, 0, 11) } });
    const groups = report.warnings.filter((w) => w.part === 'change_event' && w.code === 'GROUP_SMALL_SAMPLE').map((w) => w.params.group);
    expect(groups.sort()).toEqual(['after', 'before']);
  });
});
