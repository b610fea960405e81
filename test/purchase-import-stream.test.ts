/**
 * The purchase upload is read as it arrives: the client below holds back the end of a 50,000-row file
 * until the import's record shows 20,000 rows checked, which can only happen if the server processes
 * the body while it streams in (a buffered body would wait for the end and this test would time out).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertCompany } from '../api/src/companies/queries.js';
import { buildTestApp, describeEachDatabase, signedInMember } from './helper.js';

const ROWS = 50_000;
const HOLD_AT = 30_000;
const CHUNK = 1000;

describeEachDatabase('purchase upload streamed', (ctx) => {
  let app: FastifyInstance;
  let origin: string;
  let companyId: string;
  let analyst: Record<string, string>;

  beforeAll(async () => {
    app = await buildTestApp(ctx.database());
    origin = await app.listen({ host: '127.0.0.1', port: 0 });
    companyId = await insertCompany(ctx.database().db, { name: 'Test Bakery' });
    analyst = (await signedInMember(ctx.database(), companyId, 'analyst')).headers;
  });
  afterAll(async () => app.close());

  const processed = async (id: string) =>
    (await ctx.database().db.selectFrom('purchase_import').select(['rows_processed', 'status']).where('id', '=', id).executeTakeFirst()) ?? { rows_processed: 0, status: 'none' };

  it('checks the rows of a 50,000-row file while it uploads, shows the progress, and applies them all at the end', { timeout: 120_000 }, async () => {
    const importId = randomUUID();
    const encoder = new TextEncoder();
    let sent = 0;
    let seenWhileHeld: { rowsProcessed: number; status: string } | undefined;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) controller.enqueue(encoder.encode('customer_ref,order_ref,purchased_at,amount,currency,channel\n'));
        if (sent === HOLD_AT) {
          const deadline = Date.now() + 60_000;
          while ((await processed(importId)).rows_processed < 20_000) {
            if (Date.now() > deadline) throw new Error('the server did not process the rows already sent: is the body buffered?');
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
          seenWhileHeld = (await app.inject({ url: `/api/purchase-imports/${importId}`, headers: analyst })).json().import;
        }
        if (sent >= ROWS) {
          controller.close();
          return;
        }
        const lines: string[] = [];
        for (let i = sent; i < sent + CHUNK; i++) lines.push(`C-${i % 997},S-${i},2026-01-${String(1 + (i % 28)).padStart(2, '0')},${i % 100}.${i % 10}0,EUR,store`);
        sent += CHUNK;
        controller.enqueue(encoder.encode(`${lines.join('\n')}\n`));
      },
    });
    const answer = await fetch(`${origin}/api/purchase-imports?id=${importId}&fileName=big.csv`, {
      method: 'POST',
      headers: { ...analyst, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(answer.status).toBe(201);
    expect(seenWhileHeld).toMatchObject({ status: 'processing' });
    expect(seenWhileHeld!.rowsProcessed).toBeGreaterThanOrEqual(20_000);
    expect(seenWhileHeld!.rowsProcessed).toBeLessThanOrEqual(HOLD_AT);
    const { import: record } = (await answer.json()) as { import: Record<string, unknown> };
    expect(record).toMatchObject({ id: importId, status: 'applied', rowsTotal: ROWS, rowsInserted: ROWS, fileName: 'big.csv' });
    const stored = await ctx.database().db.selectFrom('purchase').select((eb) => eb.fn.countAll<string>().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(ROWS);
  });
});
