import { describe, expect, it } from 'vitest';
import { fullTemplate, shortTemplate } from '../model/template.js';
import type { Answers } from '../model/definition.js';
import { createSegmentReport, segmentReport } from './segmentReport.js';

const LOYAL: Answers = { sat_overall: 5, sat_product: 5, sat_service: 4, sat_price: 4, recommend: 10, feel_loss: 5, speak_positively: 5, repurchase: 5, share_of_wallet: 4, stay_vs_competitor: 5, promo_decided: 'no' };
const SATISFIED_NOT_LOYAL: Answers = { ...LOYAL, recommend: 6, feel_loss: 3, speak_positively: 3, repurchase: 2, share_of_wallet: 2, stay_vs_competitor: 2 };
const UNCLASSIFIED: Answers = { sat_overall: 5, recommend: 9 };

describe('createSegmentReport', () => {
  it('counts every respondent, unclassified ones included, in rule order', () => {
    const report = segmentReport(fullTemplate(), [LOYAL, LOYAL, SATISFIED_NOT_LOYAL, UNCLASSIFIED].map((answers) => ({ answers })));
    expect(report.n).toBe(4);
    expect(report.segments.map((s) => [s.segment, s.share.successes])).toEqual([
      ['loyal', 2],
      ['price_hunter', 0],
      ['satisfied_not_loyal', 1],
      ['hostage', 0],
      ['defector', 0],
      ['unclassified', 1],
    ]);
    expect(report.satisfiedNotLoyalTypes.map((t) => [t.type, t.share.successes])).toEqual([
      ['latent', 0],
      ['spurious', 0],
      ['none', 1],
    ]);
    expect(report.tooFewItems).toEqual({ satisfaction: 1, emotional: 1, behavioural: 1 });
    expect(report.warnings.some((w) => w.code === 'TOO_FEW_ITEMS')).toBe(true);
    expect(report.nps?.n).toBe(4);
    expect(report.csat?.topBox.share).toBe(1);
  });

  it('leaves unclassified respondents out of the denominators of the loyal shares and says how many are in them', () => {
    const respondents = [LOYAL, LOYAL, SATISFIED_NOT_LOYAL, UNCLASSIFIED].map((answers) => ({ answers, surveyedAt: 0 }));
    const report = segmentReport(fullTemplate(), respondents, { changeEvent: { at: 1 } });
    expect(report.classified).toBe(3);
    expect(report.segments.map((s) => [s.segment, s.share.n])).toEqual([
      ['loyal', 3],
      ['price_hunter', 3],
      ['satisfied_not_loyal', 3],
      ['hostage', 3],
      ['defector', 3],
      ['unclassified', 4],
    ]);
    expect(report.segments[0]!.share.share).toBeCloseTo(2 / 3, 15);
    expect(report.segments[5]!.share.share).toBe(0.25);
    // UNCLASSIFIED has no B, so no loyalty type either.
    expect(report.withLoyaltyType).toBe(3);
    expect(report.loyaltyTypes.map((t) => [t.type, t.share.successes, t.share.n])).toEqual([
      ['true', 2, 3],
      ['latent', 0, 3],
      ['spurious', 0, 3],
      ['none', 1, 3],
      ['unknown', 1, 4],
    ]);
    const atFive = report.satisfactionCurve.points.find((p) => p.level === 5)!;
    expect([atFive.loyal.successes, atFive.loyal.n, atFive.unclassified]).toEqual([2, 3, 1]);
    const before = report.changeEvent!.before;
    expect([before.n, before.loyal.n, before.unclassified]).toEqual([4, 3, 1]);
    expect([report.changeEvent!.loyalShareDifference.nA, report.changeEvent!.loyalShareDifference.nB]).toEqual([0, 3]);
  });

  it('leaves unclassified respondents out of the service-recovery loyal shares', () => {
    const noProblem = { had_problem: 'no' };
    const respondents = [{ ...LOYAL, ...noProblem }, { ...UNCLASSIFIED, ...noProblem }].map((answers) => ({ answers }));
    const cell = segmentReport(fullTemplate(), respondents).serviceRecovery.groups[0]!.all;
    expect([cell.loyal.successes, cell.loyal.n, cell.unclassified]).toEqual([1, 1, 1]);
  });

  it('uses the thresholds given over the survey’s own', () => {
    const strict = segmentReport(fullTemplate(), [{ answers: LOYAL }], {
      thresholds: { satisfaction: 0.95, emotional: 0.95, behavioural: 0.95 },
    });
    expect(strict.segments.find((s) => s.segment === 'defector')?.share.successes).toBe(1);
  });

  it('reports the short template without drivers, word of mouth or recovery', () => {
    const report = segmentReport(shortTemplate(), [
      { answers: { sat_overall: 5, recommend: 9, repurchase: 4, stay_vs_competitor: 5, promo_decided: 'no' } },
    ]);
    expect(report.segments[0]!.share.successes).toBe(1);
    expect(report.drivers.models).toEqual([]);
    expect(report.reliability.map((r) => r.construct)).toEqual(['behavioural']);
  });

  it('adds one respondent at a time and gives the same report as the list form', () => {
    const respondents = [LOYAL, SATISFIED_NOT_LOYAL, UNCLASSIFIED].map((answers) => ({ answers }));
    const accumulator = createSegmentReport(fullTemplate());
    respondents.forEach((respondent) => accumulator.add(respondent));
    expect(accumulator.finish()).toEqual(segmentReport(fullTemplate(), respondents));
  });
});
