import { expect, it } from 'vitest';
import { DEMO_FULL_SURVEY_ID, DEMO_SURVEY_ID, seedDemo } from '../scripts/demo/seed.js';
import { describeEachDatabase } from './helper.js';

describeEachDatabase('the demo seed', (ctx) => {
  const responseCount = async (surveyId: string) => {
    const { db } = ctx.database();
    const { n } = await db.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).where('survey_id', '=', surveyId).executeTakeFirstOrThrow();
    return Number(n);
  };

  it('creates Demo Coffee with a short survey (2,000 responses) and a full one (3,000) once, and adds nothing the second time', async () => {
    const { db } = ctx.database();
    expect(await seedDemo(db)).toEqual({ created: true, responses: 5000 });
    expect(await seedDemo(db)).toEqual({ created: false, responses: 0 });
    expect(await responseCount(DEMO_SURVEY_ID)).toBe(2000);
    expect(await responseCount(DEMO_FULL_SURVEY_ID)).toBe(3000);
    const companies = await db.selectFrom('company').select('name').execute();
    expect(companies).toEqual([{ name: 'Demo Coffee' }]);
    const purchases = await db.selectFrom('purchase').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(purchases.n)).toBeGreaterThan(5000);
    const events = await db.selectFrom('change_event').select(['survey_id', 'title']).execute();
    expect(events).toEqual([{ survey_id: DEMO_FULL_SURVEY_ID, title: 'New espresso blend' }]);
  });
});
