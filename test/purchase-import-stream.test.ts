/**
 * A 50,000-row upload through a real socket: the body goes to a temporary file as it arrives and its
 * rows are checked from there, the import's record shows the rows checked while the POST still runs,
 * and everything is applied at the end. (That the reader hands over rows while the file is still
 * arriving is api/src/purchases/csv.test.ts; the memory of a million rows is scripts/bench/purchases-import.ts.)
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { insertCompany } from '../api/src/companies/queries.js';
import { buildTestApp, describeEachDatabase, signedInMember } from './helper.js';

const ROWS = 50_000;
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

  it('takes a 50,000-row file, shows the rows checked while the upload is processed, and applies them all at the end', { timeout: 120_000 }, async () => {
    const importId = randomUUID();
    const encoder = new TextEncoder();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(encoder.encode('customer_ref,order_ref,purchased_at,amount,currency,channel\n'));
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
    let answered = false;
    let seenWhileRunning: { rowsProcessed: number; status: string } | undefined;
    const watch = (async () => {
      while (!answered) {
        const row = await processed(importId);
        if (row.status === 'processing' && row.rows_processed >= 20_000 && !seenWhileRunning) {
          seenWhileRunning = (await app.inject({ url: `/api/purchase-imports/${importId}`, headers: analyst })).json().import;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const answer = await fetch(`${origin}/api/purchase-imports?id=${importId}&fileName=big.csv`, {
      method: 'POST',
      headers: { ...analyst, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);
    answered = true;
    await watch;
    expect(answer.status).toBe(201);
    expect(seenWhileRunning).toMatchObject({ status: 'processing', rowsTotal: 0 });
    expect(seenWhileRunning!.rowsProcessed).toBeGreaterThanOrEqual(20_000);
    expect(seenWhileRunning!.rowsProcessed).toBeLessThan(ROWS);
    const { import: record } = (await answer.json()) as { import: Record<string, unknown> };
    expect(record).toMatchObject({ id: importId, status: 'applied', rowsTotal: ROWS, rowsInserted: ROWS, fileName: 'big.csv' });
    const stored = await ctx.database().db.selectFrom('purchase').select((eb) => eb.fn.countAll<string>().as('n')).where('company_id', '=', companyId).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(ROWS);
  });
});
