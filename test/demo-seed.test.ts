import { expect, it } from 'vitest';
import { DEMO_FULL_SURVEY_ID, DEMO_INVITES, DEMO_SURVEY_ID, seedDemo } from '../scripts/demo/seed.js';
import { STORY_EVENTS } from '../scripts/demo/story.js';
import { describeEachDatabase } from './helper.js';

describeEachDatabase('the demo seed', (ctx) => {
  const responseCount = async (surveyId: string) => {
    const { db } = ctx.database();
    const { n } = await db.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
    return Number(n);
  };

  it('creates Demo Coffee with a short survey (2,000 responses) and a full one (20,000) once, and adds nothing the second time', async () => {
    const { db } = ctx.database();
    expect(await seedDemo(db)).toEqual({ created: true, responses: 22_000 });
    expect(await seedDemo(db)).toEqual({ created: false, responses: 0 });
    expect(await responseCount(DEMO_SURVEY_ID)).toBe(2000);
    expect(await responseCount(DEMO_FULL_SURVEY_ID)).toBe(20_000);
    const companies = await db.selectFrom('company').select('name').execute();
    expect(companies).toEqual([{ name: 'Demo Coffee' }]);
    const purchases = await db.selectFrom('purchase').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(purchases.n)).toBeGreaterThan(22_000);
    // The seeded history is one applied import that wrote every purchase, as the report's "last imported" reads it.
    const imports = await db.selectFrom('purchase_import').selectAll().execute();
    expect(imports).toHaveLength(1);
    expect(imports[0]).toMatchObject({ status: 'applied', source: 'csv', rows_total: Number(purchases.n), rows_inserted: Number(purchases.n), company_id: imports[0]!.company_id });
    const unrecorded = await db.selectFrom('purchase').select((eb) => eb.fn.countAll<string>().as('n')).where((eb) => eb('import_id', 'is', null).or('import_id', '!=', imports[0]!.id)).executeTakeFirstOrThrow();
    expect(Number(unrecorded.n)).toBe(0);
    const events = await db.selectFrom('change_event').select(['survey_id', 'title', 'occurred_at']).orderBy('occurred_at').execute();
    expect(events).toEqual(STORY_EVENTS.map((event) => ({ survey_id: DEMO_FULL_SURVEY_ID, title: event.title, occurred_at: event.occurredAt })));
  });

  it('gives both surveys readable links and the full one 200 invites of its customers, answered, expired and open', async () => {
    const { db } = ctx.database();
    const links = await db.selectFrom('survey_link').select(['slug', 'survey_id']).orderBy('slug').execute();
    expect(links).toEqual([
      { slug: 'demo-check-up', survey_id: DEMO_FULL_SURVEY_ID },
      { slug: 'demo-quick', survey_id: DEMO_SURVEY_ID },
    ]);
    const invites = await db.selectFrom('invite').selectAll().where('survey_id', '=', DEMO_FULL_SURVEY_ID).execute();
    expect(invites).toHaveLength(DEMO_INVITES);
    expect(new Set(invites.map((invite) => invite.order_ref)).size).toBe(DEMO_INVITES);
    expect(invites.every((invite) => invite.customer_ref?.startsWith('demo-full-customer-') && invite.purchased_at && invite.token.length >= 24)).toBe(true);
    const now = Date.now();
    const answered = invites.filter((invite) => invite.used_at);
    const expired = invites.filter((invite) => !invite.used_at && invite.expires_at && invite.expires_at.getTime() < now);
    expect([answered.length, expired.length]).toEqual([25, 25]);
    // Each answered invite carries its customer's response, for the purchase that response was about.
    const linked = await db.selectFrom('response').select(['invite_id', 'customer_ref', 'submitted_at']).where('invite_id', 'is not', null).execute();
    expect(linked).toHaveLength(25);
    for (const response of linked) {
      const invite = answered.find((candidate) => candidate.id === response.invite_id)!;
      expect(invite.customer_ref).toBe(response.customer_ref);
      expect(invite.purchased_at!.getTime()).toBeLessThanOrEqual(response.submitted_at.getTime());
    }
    // Every invite's customer has that purchase in the history.
    const purchases = await db.selectFrom('purchase').select(['customer_ref', 'purchased_at']).where('customer_ref', 'like', 'demo-full-customer-%').execute();
    const purchaseKeys = new Set(purchases.map((purchase) => `${purchase.customer_ref} ${purchase.purchased_at.getTime()}`));
    expect(invites.every((invite) => purchaseKeys.has(`${invite.customer_ref} ${invite.purchased_at!.getTime()}`))).toBe(true);
    expect(await seedDemo(db)).toEqual({ created: false, responses: 0 });
    expect(await db.selectFrom('invite').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).toEqual({ n: String(DEMO_INVITES) });
  });
});
