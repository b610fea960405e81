/**
 * The demo company "Demo Coffee": the short template, about 2,000 synthetic responses with purchase
 * histories (scripts/population), all in one transaction. Idempotent: when the demo survey exists,
 * nothing is added. Fixed ids make the demo links stable across machines.
 */
import type { Kysely } from 'kysely';
import { insertCompany } from '../../api/src/companies/queries.js';
import type { Database } from '../../api/src/db/schema.js';
import { validateAnswers } from '../../api/src/responses/validate.js';
import { insertSurvey } from '../../api/src/surveys/queries.js';
import { shortTemplate } from '../../api/src/surveys/template.js';
import { generatePopulation } from '../population/index.js';

export const DEMO_COMPANY_ID = 'd0000000-0000-4000-8000-000000000001';
export const DEMO_SURVEY_ID = 'd0000000-0000-4000-8000-000000000002';
const BATCH = 500;

export interface DemoOptions {
  responses?: number;
  seed?: number;
}

/**
 * @example const { created } = await seedDemo(db); // created: false on the second start
 */
export async function seedDemo(db: Kysely<Database>, options: DemoOptions = {}): Promise<{ created: boolean; responses: number }> {
  const count = options.responses ?? 2000;
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('survey').select('id').where('id', '=', DEMO_SURVEY_ID).executeTakeFirst();
    if (existing) return { created: false, responses: 0 };

    const definition = shortTemplate();
    const companyId = await insertCompany(trx, { id: DEMO_COMPANY_ID, name: 'Demo Coffee' });
    const { surveyId, versionId } = await insertSurvey(trx, {
      id: DEMO_SURVEY_ID,
      companyId,
      name: 'Demo Coffee check-up',
      definition,
      publish: true,
    });

    const population = generatePopulation({
      n: count,
      seed: options.seed ?? 20261125,
      questions: 'short',
      start: new Date('2025-05-01T00:00:00Z'),
      end: new Date('2026-11-20T00:00:00Z'),
      // Purchase history as if imported on the last survey day: no purchases from the future.
      purchasesUntil: new Date('2026-11-20T00:00:00Z'),
    });
    let responses: Parameters<typeof insertResponses>[1] = [];
    let purchases: Parameters<typeof insertPurchases>[1] = [];
    let index = 0;
    for (const respondent of population) {
      index += 1;
      const customerRef = `demo-customer-${String(index).padStart(5, '0')}`;
      responses.push({
        survey_id: surveyId,
        survey_version_id: versionId,
        customer_ref: customerRef,
        client_submission_id: crypto.randomUUID(),
        language: respondent.language,
        // The generator must produce answers the API would accept; a bug there fails the seed loudly.
        answers: JSON.stringify(validateAnswers(definition, respondent.answers)),
        submitted_at: respondent.submittedAt,
      });
      for (const purchase of respondent.purchases) {
        purchases.push({ company_id: companyId, customer_ref: customerRef, purchased_at: purchase.purchasedAt, amount_cents: purchase.amountCents });
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
    return { created: true, responses: index };
  });
}

async function insertResponses(db: Kysely<Database>, rows: import('kysely').Insertable<Database['response']>[]) {
  if (rows.length > 0) await db.insertInto('response').values(rows).execute();
}

async function insertPurchases(db: Kysely<Database>, rows: import('kysely').Insertable<Database['purchase']>[]) {
  if (rows.length > 0) await db.insertInto('purchase').values(rows).execute();
}
