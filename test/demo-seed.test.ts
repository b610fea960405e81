import { expect, it } from 'vitest';
import { DEMO_SURVEY_ID, seedDemo } from '../scripts/demo/seed.js';
import { describeEachDatabase } from './helper.js';

describeEachDatabase('the demo seed', (ctx) => {
  it('creates Demo Coffee with about 2,000 responses once, and adds nothing the second time', async () => {
    const { db } = ctx.database();
    expect(await seedDemo(db)).toEqual({ created: true, responses: 2000 });
    expect(await seedDemo(db)).toEqual({ created: false, responses: 0 });
    const { n } = await db.selectFrom('response').select((eb) => eb.fn.countAll<string>().as('n')).where('survey_id', '=', DEMO_SURVEY_ID).executeTakeFirstOrThrow();
    expect(Number(n)).toBe(2000);
    const company = await db.selectFrom('company').select('name').executeTakeFirstOrThrow();
    expect(company.name).toBe('Demo Coffee');
    const purchases = await db.selectFrom('purchase').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(Number(purchases.n)).toBeGreaterThan(2000);
  });
});
