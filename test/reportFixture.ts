/**
 * A seeded survey for the report-engine tests (filters, trend, drill-down): responses spread over
 * months, languages, channels, invite and link sources, with comments and purchases, and their stored
 * scores written the way the "scores" helper stores them: by the analytics module (scoreAndSegment)
 * from the same answers, purchases and version.
 */
import { randomUUID } from 'node:crypto';
import { mulberry32 } from '../api/src/analytics/seededRandom.js';
import { scoreAndSegment } from '../api/src/analytics/scoredRespondent.js';
import type { LoyaltyType, Segment } from '../api/src/analytics/segments.js';
import { compileSurveyScoring } from '../api/src/analytics/surveyScoring.js';
import type { Answers, Language } from '../api/src/model/definition.js';
import { fullTemplate } from '../api/src/model/template.js';
import type { TestDatabase } from './databases.js';
import { createSurvey } from './helper.js';

const DAY = 86_400_000;
const LANGS: Language[] = ['en', 'ru', 'et', 'en', 'ru'];
const CHANNELS = ['email', 'receipt', null] as const;

export interface SeededRespondent {
  id: string;
  submittedAt: Date;
  language: Language;
  channel: string | null;
  invite: boolean;
  customerRef: string | null;
  segment: Segment;
  loyaltyType: LoyaltyType;
  S: number | null;
  E: number | null;
  B: number | null;
  level: number | null;
  recommend: number | null;
  recoveryGroup: string | null;
  comment: string | null;
}

export interface SeededSurvey {
  companyId: string;
  surveyId: string;
  versionId: string;
  respondents: SeededRespondent[];
}

/** Answers of the full template around a respondent's mood (1..5), some skipped. */
function answersFor(random: () => number, mood: number, withComment: boolean): Answers {
  const scale = (min: number, max: number) => {
    const centre = min + ((mood - 1) / 4) * (max - min);
    return Math.max(min, Math.min(max, Math.round(centre + (random() - 0.5) * (max - min) * 0.5)));
  };
  const answers: Answers = {};
  for (const id of ['sat_overall', 'sat_product', 'sat_service', 'sat_price', 'feel_loss', 'speak_positively', 'repurchase', 'share_of_wallet', 'stay_vs_competitor', 'full_price_return', 'exp_fidelity', 'exp_ownership']) {
    if (random() < 0.07) continue;
    answers[id] = scale(1, 5);
  }
  if (random() < 0.93) answers.recommend = scale(0, 10);
  answers.expectation = ['not_delivered', 'partly', 'as_expected', 'exceeded'][Math.min(3, Math.floor(random() * 4))]!;
  answers.promo_decided = random() < 0.3 ? 'yes' : 'no';
  if (random() < 0.8) {
    answers.had_problem = random() < 0.35 ? 'yes' : 'no';
    if (answers.had_problem === 'yes' && random() < 0.9) answers.problem_resolved = ['resolved', 'partly', 'not_resolved'][Math.floor(random() * 3)]!;
  }
  if (withComment) answers.comment = `Comment ${Math.floor(random() * 1e6)}: "fresh" bread, it's 'good'`;
  return answers;
}

/** The recovery group as the scores helper stores it: no_problem, or how the problem was resolved. */
function recoveryGroupOf(answers: Answers): string | null {
  if (answers.had_problem === 'no') return 'no_problem';
  if (answers.had_problem === 'yes' && typeof answers.problem_resolved === 'string') return answers.problem_resolved;
  return null;
}

/**
 * Inserts `count` scored responses of a new company's full-template survey, dated from 2025-01-06
 * over about `days` days, with invites, purchases and two change events (one of the company, one of
 * the survey).
 * @example const seeded = await seedScoredSurvey(ctx.database(), 160, 7); seeded.respondents.filter((r) => r.segment === 'loyal').length
 */
export async function seedScoredSurvey(database: TestDatabase, count: number, seed: number, options: { companyName?: string; days?: number } = {}): Promise<SeededSurvey> {
  const definition = fullTemplate();
  const { companyId, surveyId, versionId } = await createSurvey(database, definition, { companyName: options.companyName ?? 'Filter Bakery' });
  const { db } = database;
  const random = mulberry32(seed);
  const start = Date.UTC(2025, 0, 6);
  const days = options.days ?? 150;
  const purchasesByCustomer = new Map<string, number[]>();
  const purchaseRows = [];
  for (let c = 0; c < 20; c++) {
    const times = Array.from({ length: 1 + Math.floor(random() * 4) }, () => start + Math.floor((random() * (days + 200) - 100) * DAY));
    purchasesByCustomer.set(`cust-${c}`, times);
    for (const [i, at] of times.entries()) {
      purchaseRows.push({ company_id: companyId, customer_ref: `cust-${c}`, external_id: `${surveyId}-${c}-${i}`, purchased_at: new Date(at), amount_cents: 300 + i, created_at: new Date('2025-12-01T00:00:00Z') });
    }
  }
  await db.insertInto('purchase').values(purchaseRows).execute();
  const observedUntil = Date.parse('2025-12-01T00:00:00Z');
  const scoring = compileSurveyScoring(definition);
  const respondents: SeededRespondent[] = [];
  for (let i = 0; i < count; i++) {
    const submittedAt = new Date(start + Math.floor(random() * days * DAY) + Math.floor(random() * 1000) * 1000 + 123);
    const mood = 1 + random() * 4;
    const answers = answersFor(random, mood, i % 5 === 0);
    const language = LANGS[i % LANGS.length]!;
    const channel = CHANNELS[i % 3]!;
    const customerRef = i % 4 === 3 ? null : `cust-${i % 20}`;
    const viaInvite = i % 3 !== 2;
    let inviteId: string | null = null;
    if (viaInvite) {
      const invite = await db
        .insertInto('invite')
        .values({ company_id: companyId, survey_id: surveyId, token: randomUUID(), customer_ref: customerRef, order_ref: `order-${surveyId}-${i}`, channel, used_at: submittedAt })
        .returning('id')
        .executeTakeFirstOrThrow();
      inviteId = invite.id;
    }
    const purchasedAt = customerRef === null ? undefined : purchasesByCustomer.get(customerRef);
    const scored = scoreAndSegment(scoring, definition.thresholds, {
      answers,
      version: 1,
      surveyedAt: submittedAt.getTime(),
      ...(purchasedAt ? { purchases: { purchasedAt, observedUntil } } : {}),
    });
    const { scores } = scored;
    const level = typeof answers.sat_overall === 'number' ? answers.sat_overall : null;
    const recoveryGroup = recoveryGroupOf(answers);
    const row = await db
      .insertInto('response')
      .values({
        company_id: companyId,
        survey_id: surveyId,
        survey_version_id: versionId,
        invite_id: inviteId,
        customer_ref: customerRef,
        client_submission_id: randomUUID(),
        language,
        channel,
        answers: JSON.stringify(answers),
        submitted_at: submittedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    // What the scores helper stores on submission; written here by UPDATE, as the brief of issue 17 asks.
    await db
      .updateTable('response')
      .set({
        score_s: scores.satisfaction,
        score_e: scores.emotional,
        score_b: scores.behavioural,
        discount_dependent: scores.discountDependent,
        exchange_type: scores.exchange,
        satisfaction_level: level,
        retained: scores.retained,
        recovery_group: recoveryGroup as 'no_problem' | null,
        scored_version: 1,
        scored_at: new Date(),
      })
      .where('id', '=', row.id)
      .execute();
    respondents.push({
      id: row.id,
      submittedAt,
      language,
      channel,
      invite: viaInvite,
      customerRef,
      segment: scored.segment,
      loyaltyType: scored.loyaltyType,
      S: scores.satisfaction,
      E: scores.emotional,
      B: scores.behavioural,
      level,
      recommend: typeof answers.recommend === 'number' ? answers.recommend : null,
      recoveryGroup,
      comment: typeof answers.comment === 'string' ? answers.comment : null,
    });
  }
  await db
    .insertInto('change_event')
    .values([
      { company_id: companyId, occurred_at: new Date(start + 40 * DAY), title: 'New recipe' },
      { company_id: companyId, survey_id: surveyId, occurred_at: new Date(start + 90 * DAY), title: 'New logo' },
    ])
    .execute();
  return { companyId, surveyId, versionId, respondents };
}
