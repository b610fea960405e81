/**
 * Purchase history in (docs/PURCHASES.md): CSV uploads and JSON batches, all or nothing, idempotent on
 * order_ref, recorded with their counts and listed problems, and another company's import answered 404.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertCompany } from '../api/src/companies/queries.js';
import { apiKeyHeaders, buildTestApp, describeEachDatabase, signedInMember } from './helper.js';

const HEADER = 'customer_ref,order_ref,purchased_at,amount,currency,channel\n';
const tomorrowPlus = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describeEachDatabase('purchase imports', (ctx) => {
  let app: FastifyInstance;
  let companyId: string;
  let otherCompanyId: string;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    companyId = await insertCompany(ctx.database().db, { name: 'Test Bakery' });
    otherCompanyId = await insertCompany(ctx.database().db, { name: 'Other Bakery' });
    analyst = (await signedInMember(ctx.database(), companyId, 'analyst')).headers;
  });
  afterAll(async () => app.close());

  const upload = (csv: string, headers: Record<string, string> = analyst, query = '') =>
    app.inject({ method: 'POST', url: `/api/purchase-imports${query}`, payload: csv, headers: { ...headers, 'content-type': 'text/csv' } });
  const purchases = (company = companyId) =>
    ctx
      .database()
      .db.selectFrom('purchase')
      .select(['customer_ref', 'external_id', 'purchased_at', 'amount_cents', 'currency', 'channel', 'import_id', 'created_at'])
      .where('company_id', '=', company)
      .orderBy('external_id')
      .execute();

  it('imports a file with a byte order mark, storing cents, currency and channel, and records the import', async () => {
    const orders: string[] = [randomUUID(), randomUUID(), randomUUID()];
    const csv = `\uFEFF${HEADER}C-1,${orders[0]},2026-03-01,12.5,eur,store\nC-1,${orders[1]},2026-03-02T09:30:00Z,0,,\n"C-2, Ltd",${orders[2]},2026-03-03,1999.99,GEL,"web, app"\n`;
    const before = (await purchases()).length;
    const answer = await upload(csv, analyst, '?fileName=june.csv');
    expect(answer.statusCode).toBe(201);
    const record = answer.json().import;
    expect(record).toMatchObject({ source: 'csv', fileName: 'june.csv', status: 'applied', rowsTotal: 3, rowsProcessed: 3, rowsInserted: 3, rowsUnchanged: 0, errorCount: 0, errors: [] });
    const stored = (await purchases()).filter((row) => orders.includes(row.external_id!));
    expect(stored.length).toBe(3);
    expect((await purchases()).length).toBe(before + 3);
    const byOrder = Object.fromEntries(stored.map((row) => [row.external_id, row]));
    expect(byOrder[orders[0]!]).toMatchObject({ customer_ref: 'C-1', amount_cents: '1250', currency: 'EUR', channel: 'store', import_id: record.id });
    expect(byOrder[orders[1]!]).toMatchObject({ amount_cents: '0', currency: null, channel: null });
    expect(byOrder[orders[1]!]!.purchased_at.toISOString()).toBe('2026-03-02T09:30:00.000Z');
    expect(byOrder[orders[2]!]).toMatchObject({ customer_ref: 'C-2, Ltd', amount_cents: '199999', currency: 'GEL', channel: 'web, app' });

    const audit = await ctx.database().db.selectFrom('audit_event').select(['action', 'target', 'details']).where('company_id', '=', companyId).where('action', '=', 'purchases_imported').execute();
    expect(audit.at(-1)).toMatchObject({ target: `purchase_import:${record.id}`, details: { rowsTotal: 3, rowsInserted: 3 } });
  });

  it('changes nothing when the same file comes again, and says so in the counts', async () => {
    const csv = `${HEADER}${Array.from({ length: 20 }, (_, i) => `C-${i % 4},R-${companyId}-${i},2026-02-0${1 + (i % 9)},${i}.05,EUR,store`).join('\n')}\n`;
    const first = await upload(csv);
    expect(first.json().import).toMatchObject({ rowsInserted: 20, rowsUnchanged: 0 });
    const stored = await purchases();
    const second = await upload(csv);
    expect(second.statusCode).toBe(201);
    expect(second.json().import).toMatchObject({ status: 'applied', rowsTotal: 20, rowsInserted: 0, rowsUnchanged: 20 });
    expect(await purchases()).toEqual(stored);
  });

  it('stores nothing from a file with bad rows and lists every bad line with its reason', async () => {
    const before = await purchases();
    const good = (n: number) => `C-1,G-${randomUUID()}-${n},2026-01-10,5.00,EUR,store`;
    const lines = [
      good(1),
      'C-1,B-1,2026-02-30,5,EUR,store', // line 3: no such date
      good(2),
      'C-1,B-2,2026-01-10,-5,EUR,store', // line 5: negative
      'C-1,B-3,2026-01-10,5.123,EUR,store', // line 6: three decimals
      `C-1,B-4,${tomorrowPlus(3)},5,EUR,store`, // line 7: future
      'C-1,B-5,1999-12-31,5,EUR,store', // line 8: before 2000
      'C-1,B-6,2026-01-10,5,EURO,store', // line 9: not ISO 4217
      ',B-7,2026-01-10,5,EUR,store', // line 10: no customer
      'C-1,B-8,2026-01-10,5,EUR', // line 11: a cell short
      '"C-1\nsecond line",B-9,2026-01-10,5,EUR,nowhere', // lines 12–13: fine, a quoted line break
      'C-1,B-10,2026-01-10,5,EUR,"store', // line 14: an unclosed quote
    ];
    const answer = await upload(`${HEADER}${lines.join('\n')}\n`);
    expect(answer.statusCode).toBe(422);
    const { error } = answer.json();
    expect(error.code).toBe('INVALID_IMPORT');
    expect(error.fields.map((field: { path: string }) => field.path)).toEqual([
      '/lines/3/purchased_at',
      '/lines/5/amount',
      '/lines/6/amount',
      '/lines/7/purchased_at',
      '/lines/8/purchased_at',
      '/lines/9/currency',
      '/lines/10/customer_ref',
      '/lines/11',
      '/lines/14',
    ]);
    expect(error.fields[0].params).toEqual({ line: 3 });
    expect(await purchases()).toEqual(before);
    const imports = (await app.inject({ url: '/api/purchase-imports?limit=1', headers: analyst })).json().imports;
    expect(imports[0]).toMatchObject({ status: 'failed', rowsTotal: 12, rowsInserted: 0, errorCount: 9 });
    expect(imports[0].errors[1]).toMatchObject({ path: '/lines/5/amount', line: 5, code: 'NOT_AN_AMOUNT' });
  });

  it('lists the first 100 problems and counts the rest', async () => {
    const csv = `${HEADER}${Array.from({ length: 250 }, (_, i) => `C-1,X-${i},not a date,1,EUR,store`).join('\n')}\n`;
    const answer = await upload(csv);
    expect(answer.statusCode).toBe(422);
    const { error } = answer.json();
    expect(error.fields.length).toBe(100);
    expect(error.fields.at(-1).path).toBe('/lines/101/purchased_at');
    expect(error.message).toContain('250 problems');
    const imports = (await app.inject({ url: '/api/purchase-imports?limit=1', headers: analyst })).json().imports;
    expect(imports[0]).toMatchObject({ status: 'failed', errorCount: 250 });
    expect(imports[0].errors.length).toBe(100);
  });

  it('takes an order repeated alike once, and refuses one repeated with other content, in the file or against the stored one', async () => {
    const order = `D-${randomUUID()}`;
    const alike = await upload(`${HEADER}C-1,${order},2026-01-10,5,EUR,store\nC-1,${order},2026-01-10,5.00,eur,store\n`);
    expect(alike.json().import).toMatchObject({ rowsTotal: 2, rowsInserted: 1, rowsUnchanged: 1 });

    const other = `E-${randomUUID()}`;
    const inFile = await upload(`${HEADER}C-1,${other},2026-01-10,5,EUR,store\nC-2,x,2026-01-10,5,EUR,store\nC-1,${other},2026-01-10,6,EUR,store\n`);
    expect(inFile.statusCode).toBe(422);
    expect(inFile.json().error.fields).toEqual([expect.objectContaining({ path: '/lines/4/order_ref', code: 'DUPLICATE_ORDER_REF' })]);

    const changed = await upload(`${HEADER}C-1,${order},2026-01-10,7,EUR,store\n`);
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.fields).toEqual([expect.objectContaining({ path: '/lines/2/order_ref', code: 'ORDER_REF_CHANGED' })]);
  });

  it('refuses a file without the required columns or without rows, naming them', async () => {
    const missing = await upload('customer_ref,order_ref,amount,colour\nC-1,A,1,red\n');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.fields.map((field: { path: string }) => field.path).sort()).toEqual(['/lines/1/colour', '/lines/1/purchased_at']);
    const empty = await upload(HEADER);
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.fields[0].code).toBe('NO_ROWS');
    const json = await app.inject({ method: 'POST', url: '/api/purchase-imports', payload: { a: 1 }, headers: analyst });
    expect(json.statusCode).toBe(415);
  });

  it('stores a JSON batch all or nothing, idempotent on orderRef, recorded as an API import', async () => {
    const headers = await apiKeyHeaders(ctx.database(), companyId, ['purchases:write']);
    const items = [
      { customerRef: 'K-1', orderRef: `J-${randomUUID()}`, purchasedAt: '2026-04-01', amount: 10.5, currency: 'EUR' },
      { customerRef: 'K-2', orderRef: `J-${randomUUID()}`, purchasedAt: '2026-04-02T10:00:00Z', amount: '3.20', channel: 'app' },
    ];
    const before = await purchases();
    const bad = await app.inject({ method: 'POST', url: '/api/purchases', payload: { purchases: [...items, { ...items[0], orderRef: 'J-bad', amount: 1.005 }] }, headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toMatchObject({ code: 'VALIDATION_FAILED', fields: [expect.objectContaining({ path: '/purchases/2/amount' })] });
    expect(await purchases()).toEqual(before);

    const good = await app.inject({ method: 'POST', url: '/api/purchases', payload: { purchases: items }, headers });
    expect(good.statusCode).toBe(201);
    expect(good.json().import).toMatchObject({ source: 'api', status: 'applied', rowsInserted: 2, rowsUnchanged: 0, createdBy: null });
    const again = await app.inject({ method: 'POST', url: '/api/purchases', payload: { purchases: items }, headers });
    expect(again.json().import).toMatchObject({ rowsInserted: 0, rowsUnchanged: 2 });
    expect((await purchases()).length).toBe(before.length + 2);

    const tooMany = await app.inject({ method: 'POST', url: '/api/purchases', payload: { purchases: Array.from({ length: 10_001 }, () => items[0]) }, headers });
    expect(tooMany.statusCode).toBe(400);
  });

  it("answers another company's import with 404 and lists only the company's own, newest first", async () => {
    const otherAnalyst = (await signedInMember(ctx.database(), otherCompanyId, 'analyst')).headers;
    const theirs = (await upload(`${HEADER}C-1,O-${randomUUID()},2026-01-10,5,EUR,store\n`, otherAnalyst)).json().import;
    const notFound = await app.inject({ url: `/api/purchase-imports/${theirs.id}`, headers: analyst });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.json().error.code).toBe('IMPORT_NOT_FOUND');
    expect((await app.inject({ url: `/api/purchase-imports/${theirs.id}`, headers: otherAnalyst })).json().import.id).toBe(theirs.id);

    const { imports, total } = (await app.inject({ url: '/api/purchase-imports?limit=200', headers: analyst })).json();
    expect(imports.map((item: { id: string }) => item.id)).not.toContain(theirs.id);
    expect(total).toBe(imports.length);
    const started = imports.map((item: { startedAt: string }) => item.startedAt);
    expect(started).toEqual([...started].sort().reverse());

    const manager = (await signedInMember(ctx.database(), companyId, 'manager')).headers;
    expect((await upload(`${HEADER}C-1,M-1,2026-01-10,5,EUR,store\n`, manager)).statusCode).toBe(403);
  });
});
