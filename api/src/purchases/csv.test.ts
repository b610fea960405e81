import { describe, expect, it } from 'vitest';
import { csvPurchaseRecords } from './csv.js';

const ROWS = 50_000;
const LINES_PER_CHUNK = 500;

describe('the purchase CSV reader', () => {
  it('hands over records while the file is still arriving, never reading it whole first', async () => {
    let chunksSent = 0;
    async function* file(): AsyncGenerator<Buffer> {
      yield Buffer.from('\uFEFFcustomer_ref;order_ref;purchased_at;amount\n');
      for (let start = 0; start < ROWS; start += LINES_PER_CHUNK) {
        chunksSent++;
        yield Buffer.from(Array.from({ length: LINES_PER_CHUNK }, (_, i) => `C-${start + i};R-${start + i};2026-01-02;1.50\n`).join(''));
      }
    }
    let records = 0;
    let chunksWhenFirst = -1;
    let chunksAtHalf = -1;
    for await (const record of csvPurchaseRecords(file())) {
      records++;
      if (records === 1) {
        chunksWhenFirst = chunksSent;
        expect(record).toEqual({ line: 2, input: { customer_ref: 'C-0', order_ref: 'R-0', purchased_at: '2026-01-02', amount: '1.50' } });
      }
      if (records === ROWS / 2) chunksAtHalf = chunksSent;
    }
    expect(records).toBe(ROWS);
    expect(chunksWhenFirst).toBe(1);
    expect(chunksAtHalf).toBeLessThanOrEqual(ROWS / 2 / LINES_PER_CHUNK + 1);
  });

  it('keeps the lines read before a malformed one and stops there', async () => {
    async function* file(): AsyncGenerator<Buffer> {
      yield Buffer.from('customer_ref,order_ref,purchased_at,amount\nC-1,R-1,2026-01-02,1\nC-2,"R-2');
    }
    const records = [];
    for await (const record of csvPurchaseRecords(file())) records.push(record);
    expect(records.map((record) => [record.line, record.problem?.code ?? 'ok'])).toEqual([
      [2, 'ok'],
      [3, 'MALFORMED_CSV'],
    ]);
  });
});
