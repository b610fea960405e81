import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvRecordCounter } from './csv.js';

describe('csvRecordCounter', () => {
  const records = [['a', 'b'], ['line\nbreak', '"quoted"'], ['', 'x,"\n"y'], ['plain', '\r\n']];
  const csv = stringify(records);

  it('counts records, not line breaks inside quoted cells', () => {
    const counter = csvRecordCounter();
    counter.add(csv);
    expect(counter.records).toBe(records.length);
  });

  it('counts the same however the stream is cut into chunks, as text or bytes', () => {
    const bytes = Buffer.from(csv, 'utf8');
    for (let size = 1; size <= bytes.length; size++) {
      const counter = csvRecordCounter();
      for (let at = 0; at < bytes.length; at += size) counter.add(size % 2 ? bytes.subarray(at, at + size) : csv.slice(at, at + size));
      expect(counter.records, `chunks of ${size}`).toBe(records.length);
    }
  });
});
