/**
 * The demo company "Demo Coffee" with two surveys, each with synthetic responses and purchase
 * histories (scripts/population), all in one transaction:
 * - "Demo Coffee check-up": the short template, about 2,000 responses, at /s/demo-quick;
 * - "Demo Coffee — full check-up": the full template, 20,000 responses over twelve months telling the
 *   story of scripts/demo/story.ts (satisfied is not loyal, the recovery paradox, word of mouth, two
 *   change events and loyalists turning after the second), at /s/demo-check-up, with 200 per-purchase
 *   invites of its customers (some answered, some expired, the rest open). It is the dashboard's
 *   default survey (the newest, as the survey list sorts).
 * Idempotent per survey: a survey that exists gets nothing added (a data directory seeded before the
 * second survey existed gets only that one); the links and invites are added where missing. Fixed ids
 * make the demo links stable across machines.
 */
import { sql, type Insertable, type Kysely } from 'kysely';
import { insertCompany } from '../../api/src/companies/queries.js';
import type { Database } from '../../api/src/db/schema.js';
import { newInviteToken } from '../../api/src/invites/service.js';
import { validateAnswers } from '../../api/src/responses/validate.js';
import { scoreUnscoredResponses } from '../../api/src/responses/scores.js';
import type { SurveyDefinition } from '../../api/src/model/definition.js';
import { createSurvey } from '../../api/src/surveys/service.js';
import { fullTemplate, shortTemplate } from '../../api/src/model/template.js';
import { generatePopulation, type PlantedTruths } from '../population/index.js';
import { STORY_EVENTS, STORY_START, STORY_END, storyPeriods } from './story.js';

export const DEMO_COMPANY_ID = 'd0000000-0000-4000-8000-000000000001';
export const DEMO_SURVEY_ID = 'd0000000-0000-4000-8000-000000000002';
export const DEMO_FULL_SURVEY_ID = 'd0000000-0000-4000-8000-000000000003';
export const DEMO_SLUGS = { [DEMO_SURVEY_ID]: 'demo-quick', [DEMO_FULL_SURVEY_ID]: 'demo-check-up' } as const;
/** Invites of the full survey, one per customer: every eighth answered, every eighth (offset 4) expired. */
export const DEMO_INVITES = 200;
const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;
const START = new Date('2025-05-01T00:00:00Z');
/** The last survey day; purchase history is as if imported then, so no purchases from the future. */
const END = STORY_END;

export interface DemoOptions {
  /** Responses to the short-template survey (default 2,000). */
  responses?: number;
  /** Responses to the full-template survey (default 20,000). */
  fullResponses?: number;
  seed?: number;
}

interface DemoSurvey {
  id: string;
  name: string;
  definition: SurveyDefinition;
  questions: 'short' | 'full';
  seed: number;
  /** Customer references are per company: each survey gets its own customers and purchases. */
  customerPrefix: string;
  changeEvents: readonly { occurredAt: Date; title: string }[];
  /** When the survey was created; the survey list shows the newest first. */
  createdAt: Date;
  /** Consecutive stretches of answers, each drawn from its own planted truths. */
  periods: readonly { start: Date; end: Date; n: number; truths?: PlantedTruths }[];
}

/**
 * @example const { created, responses } = await seedDemo(db); // created: false on the second start
 */
export async function seedDemo(db: Kysely<Database>, options: DemoOptions = {}): Promise<{ created: boolean; responses: number }> {
  const seed = options.seed ?? 20261125;
  const surveys: DemoSurvey[] = [
    {
      id: DEMO_SURVEY_ID,
      name: 'Demo Coffee check-up',
      definition: shortTemplate(),
      questions: 'short',
      seed,
      customerPrefix: 'demo-customer-',
      changeEvents: [],
      createdAt: START,
      periods: [{ start: START, end: END, n: options.responses ?? 2000 }],
    },
    {
      id: DEMO_FULL_SURVEY_ID,
      name: 'Demo Coffee — full check-up',
      definition: fullTemplate(),
      questions: 'full',
      seed: seed + 1,
      customerPrefix: 'demo-full-customer-',
      changeEvents: STORY_EVENTS,
      createdAt: STORY_START,
      periods: storyPeriods(options.fullResponses ?? 20_000),
    },
  ];
  const result = await db.transaction().execute(async (trx) => {
    const company = await trx.selectFrom('company').select('id').where('id', '=', DEMO_COMPANY_ID).executeTakeFirst();
    if (!company) await insertCompany(trx, { id: DEMO_COMPANY_ID, name: 'Demo Coffee' });
    let created = false;
    let responses = 0;
    let purchaseImport: { id: string; rows: number } | undefined;
    for (const survey of surveys) {
      const existing = await trx.selectFrom('survey').select('id').where('id', '=', survey.id).executeTakeFirst();
      if (existing) continue;
      purchaseImport ??= { id: await openDemoImport(trx), rows: 0 };
      const seeded = await seedSurvey(trx, survey, purchaseImport.id);
      responses += seeded.responses;
      purchaseImport.rows += seeded.purchases;
      created = true;
    }
    if (purchaseImport) await closeDemoImport(trx, purchaseImport.id, purchaseImport.rows);
    await trx
      .insertInto('survey_link')
      .values(Object.entries(DEMO_SLUGS).map(([surveyId, slug]) => ({ slug, company_id: DEMO_COMPANY_ID, survey_id: surveyId })))
      .onConflict((conflict) => conflict.doNothing())
      .execute();
    const invites = await seedInvites(trx, DEMO_FULL_SURVEY_ID, 'demo-full-customer-');
    return { created, responses, invites };
  });
  // Planner statistics for the rows just written: PGlite runs no autovacuum, and without them the
  // report's purchase join was planned as a nested loop (43 s instead of 0.1 s for 2,000 responses).
  if (result.created || result.invites > 0) await sql`analyze survey, survey_version, response, purchase, invite`.execute(db);
  // The rows were inserted without their stored scores: score them now (responses/scores.ts).
  if (result.created) await scoreUnscoredResponses(db);
  return { created: result.created, responses: result.responses };
}

/**
 * One invite per customer for the first DEMO_INVITES customers of the survey, for their latest
 * purchase, so the invite page shows every state: every eighth customer answered through theirs
 * (their response is tied to it, for the purchase it was about), every eighth from the fourth on let
 * theirs expire a week after the purchase, the rest are open and do not expire. Nothing is added to a
 * survey that has invites already.
 * @returns how many invites were added
 */
async function seedInvites(trx: Kysely<Database>, surveyId: string, customerPrefix: string): Promise<number> {
  const existing = await trx.selectFrom('invite').select('id').where('survey_id', '=', surveyId).limit(1).executeTakeFirst();
  if (existing) return 0;
  const customerRefs = Array.from({ length: DEMO_INVITES }, (_, i) => `${customerPrefix}${String(i + 1).padStart(5, '0')}`);
  const [responses, purchases] = await Promise.all([
    trx.selectFrom('response').select(['id', 'customer_ref', 'submitted_at', 'language']).where('survey_id', '=', surveyId).where('customer_ref', 'in', customerRefs).execute(),
    trx.selectFrom('purchase').select(['customer_ref', 'purchased_at']).where('company_id', '=', DEMO_COMPANY_ID).where('customer_ref', 'in', customerRefs).orderBy('purchased_at').execute(),
  ]);
  const responseOf = new Map(responses.map((response) => [response.customer_ref, response]));
  const purchaseTimesOf = new Map<string, number[]>();
  for (const purchase of purchases) {
    const times = purchaseTimesOf.get(purchase.customer_ref) ?? [];
    times.push(purchase.purchased_at.getTime());
    purchaseTimesOf.set(purchase.customer_ref, times);
  }
  const now = Date.now();
  const invites: Insertable<Database['invite']>[] = [];
  const answered: { responseId: string; orderRef: string; channel: string }[] = [];
  customerRefs.forEach((customerRef, index) => {
    const response = responseOf.get(customerRef);
    const times = purchaseTimesOf.get(customerRef) ?? [];
    if (!response || times.length === 0) return;
    const number = index + 1;
    const isAnswered = number % 8 === 0;
    // Answered: the purchase the response was about (the last before it); otherwise the latest one.
    const purchasedMs = isAnswered ? Math.max(...times.filter((ms) => ms <= response.submitted_at.getTime()), times[0]!) : Math.max(...times);
    const purchasedAt = new Date(purchasedMs);
    const orderRef = `DC-${purchasedAt.toISOString().slice(0, 10).replaceAll('-', '')}-${String(number).padStart(5, '0')}`;
    const expiresAt = isAnswered ? new Date(purchasedMs + 30 * DAY_MS) : number % 8 === 4 ? new Date(Math.min(purchasedMs + 7 * DAY_MS, now - DAY_MS)) : null;
    const byEmail = number % 2 === 0;
    invites.push({
      company_id: DEMO_COMPANY_ID,
      survey_id: surveyId,
      token: newInviteToken(),
      customer_ref: customerRef,
      order_ref: orderRef,
      purchased_at: purchasedAt,
      email: byEmail ? `customer-${String(number).padStart(5, '0')}@example.com` : null,
      language: response.language,
      expires_at: expiresAt,
      channel: byEmail ? 'email' : 'receipt',
      used_at: isAnswered ? response.submitted_at : null,
    });
    if (isAnswered) answered.push({ responseId: response.id, orderRef, channel: byEmail ? 'email' : 'receipt' });
  });
  const inserted = await trx.insertInto('invite').values(invites).returning(['id', 'order_ref']).execute();
  const inviteOf = new Map(inserted.map((invite) => [invite.order_ref, invite.id]));
  // The response answered through the invite carries its channel, as the invite submit path stores it.
  for (const { responseId, orderRef, channel } of answered) {
    await trx.updateTable('response').set({ invite_id: inviteOf.get(orderRef)!, channel }).where('company_id', '=', DEMO_COMPANY_ID).where('id', '=', responseId).execute();
  }
  return inserted.length;
}

/**
 * The seeded purchases as one applied import, as if the history had been uploaded on the last survey
 * day: the report's "purchases last imported" reads it (a recorded import, not max(created_at)).
 */
async function openDemoImport(trx: Kysely<Database>): Promise<string> {
  const row = await trx
    .insertInto('purchase_import')
    .values({ company_id: DEMO_COMPANY_ID, source: 'csv', file_name: 'demo-purchases.csv', started_at: END })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function closeDemoImport(trx: Kysely<Database>, importId: string, rows: number): Promise<void> {
  await trx
    .updateTable('purchase_import')
    .set({ status: 'applied', rows_total: rows, rows_processed: rows, rows_inserted: rows, finished_at: END })
    .where('company_id', '=', DEMO_COMPANY_ID)
    .where('id', '=', importId)
    .execute();
}

async function seedSurvey(trx: Kysely<Database>, survey: DemoSurvey, importId: string): Promise<{ responses: number; purchases: number }> {
  const { surveyId, versionId } = await createSurvey(trx, {
    id: survey.id,
    companyId: DEMO_COMPANY_ID,
    name: survey.name,
    definition: survey.definition,
    publish: true,
  });
  // created_at never changes in the app (its column type forbids updates); the demo backdates its surveys once.
  await sql`update survey set created_at = ${survey.createdAt} where company_id = ${DEMO_COMPANY_ID} and id = ${surveyId}`.execute(trx);
  if (survey.changeEvents.length > 0) {
    await trx
      .insertInto('change_event')
      .values(survey.changeEvents.map((event) => ({ company_id: DEMO_COMPANY_ID, survey_id: surveyId, occurred_at: event.occurredAt, title: event.title })))
      .execute();
  }
  // The periods one after another, respondent by respondent: the answers are inserted in batches as they come.
  const population = (function* () {
    for (const [index, period] of survey.periods.entries()) {
      yield* generatePopulation({
        n: period.n,
        seed: survey.seed + 7919 * index,
        questions: survey.questions,
        start: period.start,
        end: period.end,
        purchasesUntil: END,
        ...(period.truths ? { truths: period.truths } : {}),
      });
    }
  })();
  let responses: Insertable<Database['response']>[] = [];
  let purchases: Insertable<Database['purchase']>[] = [];
  let index = 0;
  let purchaseCount = 0;
  for (const respondent of population) {
    index += 1;
    const customerRef = `${survey.customerPrefix}${String(index).padStart(5, '0')}`;
    responses.push({
      company_id: DEMO_COMPANY_ID,
      survey_id: surveyId,
      survey_version_id: versionId,
      customer_ref: customerRef,
      client_submission_id: crypto.randomUUID(),
      language: respondent.language,
      // The generator must produce answers the API would accept; a bug there fails the seed loudly.
      answers: JSON.stringify(validateAnswers(survey.definition, respondent.answers)),
      submitted_at: respondent.submittedAt,
    });
    for (const purchase of respondent.purchases) {
      purchases.push({ company_id: DEMO_COMPANY_ID, customer_ref: customerRef, purchased_at: purchase.purchasedAt, amount_cents: purchase.amountCents, import_id: importId });
      purchaseCount += 1;
    }
    if (responses.length >= BATCH) {
      await insertResponses(trx, responses);
      responses = [];
    }
    if (purchases.length >= BATCH) {
      await insertPurchases(trx, purchases);
      purchases = [];
    }
  }
  await insertResponses(trx, responses);
  await insertPurchases(trx, purchases);
  return { responses: index, purchases: purchaseCount };
}

async function insertResponses(db: Kysely<Database>, rows: Insertable<Database['response']>[]) {
  if (rows.length > 0) await db.insertInto('response').values(rows).execute();
}

async function insertPurchases(db: Kysely<Database>, rows: Insertable<Database['purchase']>[]) {
  if (rows.length > 0) await db.insertInto('purchase').values(rows).execute();
}
