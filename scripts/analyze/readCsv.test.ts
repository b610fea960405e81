import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from './inputError.js';
import { createProgress } from './progress.js';
import { lineAt, readCsv } from './readCsv.js';
import { runAnalyze } from './runAnalyze.js';

const folder = mkdtempSync(join(tmpdir(), 'read-csv-'));
let files = 0;
function file(text: string): string {
  const path = join(folder, `${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

async function records(text: string, chunkSize?: number): Promise<string[][]> {
  const out: string[][] = [];
  await readCsv(file(text), (record) => out.push(record), chunkSize === undefined ? {} : { chunkSize });
  return out;
}

async function failure(text: string, onRecord: (record: string[], index: number) => void = () => {}, chunkSize?: number): Promise<InputError> {
  const error = await readCsv(file(text), onRecord, chunkSize === undefined ? {} : { chunkSize }).then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  return error;
}

// Tiny chunks put chunk boundaries inside quoted cells, inside "" and "\r\n", and inside multi-byte characters.
const CHUNK_SIZES = [1, 2, 7, undefined];

describe.each(CHUNK_SIZES)('readCsv with chunks of %s bytes', (chunkSize) => {
  it('keeps line breaks, commas and doubled quotes inside quoted cells', async () => {
    expect(await records('a,b,c\n1,"two\nlines, and ""quoted""",3\n"x\r\ny","""",""\n', chunkSize)).toEqual([
      ['a', 'b', 'c'],
      ['1', 'two\nlines, and "quoted"', '3'],
      ['x\r\ny', '"', ''],
    ]);
  });

  it('drops a UTF-8 byte-order mark and reads CRLF files without a CR in the last cell', async () => {
    expect(await records('\uFEFFa,b\r\n1,2\r\n\r\nж,"ფ\r\n"\r\n', chunkSize)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['ж', 'ფ\r\n'],
    ]);
  });

  it('skips blank lines anywhere and reads a last line without a line break', async () => {
    expect(await records('\n\na,b\n\n1,2\n\n\n3,4', chunkSize)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('passes rows of any width on, so the caller can refuse one with more cells than the header', async () => {
    expect(await records('a,b\n1,2,3\n4\n', chunkSize)).toEqual([['a', 'b'], ['1', '2', '3'], ['4']]);
  });

  it('stops on an unterminated quote with the line where the quoted cell starts', async () => {
    const error = await failure('a,b\n"multi\nline",1\n\n2,"never closed\n3,4\n', () => {}, chunkSize);
    expect(error.message).toMatch(/^The file is not valid CSV: a quoted cell that starts here is never closed/);
    expect(error.line).toBe(5);
  });

  it('stops on text after a closing quote', async () => {
    const error = await failure('a,b\n1,2\n"3"x,4\n', () => {}, chunkSize);
    expect(error.message).toMatch(/not valid CSV: a quoted cell is followed by more text/);
    expect(error.line).toBe(3);
  });

  it("gives the callback's InputError the record's first line, keeping its column", async () => {
    const error = await failure(
      '\na,b\n"multi\r\nline ж",ფ\n\n\n2,bad\n',
      (record) => {
        if (record[1] === 'bad') throw new InputError('b: "bad" is not a number.', { line: 0, column: 2 });
      },
      chunkSize,
    );
    expect([error.message, error.line, error.column]).toEqual(['b: "bad" is not a number.', 7, 2]);
  });
});

describe('readCsv', () => {
  it('numbers the header record 0 and resolves to the number of records', async () => {
    const seen: number[] = [];
    expect(await readCsv(file('a\n1\n2\n'), (_record, index) => seen.push(index))).toBe(3);
    expect(seen).toEqual([0, 1, 2]);
  });

  it('lets other errors of the callback through unchanged', async () => {
    const bug = new TypeError('a bug');
    await expect(readCsv(file('a\n1\n'), () => { throw bug; })).rejects.toBe(bug);
  });

  it('says when the file cannot be read', async () => {
    await expect(readCsv(join(folder, 'missing.csv'), () => {})).rejects.toThrow(/Cannot read the file \(ENOENT\)/);
  });

  it('reports progress every 65,536 records', async () => {
    const calls: number[] = [];
    await readCsv(file(`a\n${'1\n'.repeat(140_000)}`), () => {}, { onProgress: (n) => calls.push(n) });
    expect(calls).toEqual([65_536, 131_072]);
  });
});

describe('lineAt', () => {
  it('counts line breaks before an offset, and the blank lines the parser skipped after it', async () => {
    const path = file('\uFEFFa\r\n\r\n\nb\n');
    expect(await lineAt(path, 0)).toBe(1);
    expect(await lineAt(path, 3)).toBe(4);
  });
});

describe('the CLI on bad CSV', () => {
  const HEADER = 'sat_overall,recommend,repurchase,stay_vs_competitor,promo_decided,full_price_return';
  async function run(text: string) {
    let stdout = '';
    let stderr = '';
    const code = await runAnalyze(['--input', file(text)], { write: (t: string) => (stdout += t) }, { write: (t: string) => (stderr += t) });
    return { code, stdout, stderr };
  }

  it('refuses a row with more cells than the header with exit 2 and its line', async () => {
    const { code, stdout, stderr } = await run(`${HEADER}\n5,10,5,5,no,5\n\n5,10,5,5,no,5,extra\n`);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/line 4: The row has 7 cells; the header has 6/);
  });

  it('refuses an unterminated quote with exit 2 and its line', async () => {
    const { code, stdout, stderr } = await run(`${HEADER}\n5,10,5,5,no,5\n5,10,5,5,"no,5\n5,10,5,5,no,5\n`);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/line 3: The file is not valid CSV: a quoted cell that starts here is never closed/);
  });

  it('finds the line of a bad value after a quoted line break', async () => {
    const { code, stderr } = await run(`${HEADER},comment\n5,10,5,5,no,5,"a\nb"\n5,11,5,5,no,5,\n`);
    expect(code).toBe(2);
    expect(stderr).toMatch(/line 4, column 2: recommend: 11 is outside 0–10/);
  });
});

describe('createProgress', () => {
  function target(isTTY: boolean) {
    const writes: string[] = [];
    return { writes, isTTY, write: (text: string) => writes.push(text) };
  }

  it('shows nothing when stderr is not a terminal, unless ANALYZE_PROGRESS=1 asks', () => {
    expect(createProgress(target(false), {})).toBeNull();
    expect(createProgress(target(true), { ANALYZE_PROGRESS: '0' })).toBeNull();
    expect(createProgress(target(false), { ANALYZE_PROGRESS: '1' })).not.toBeNull();
  });

  it('starts past 100,000 rows, at most once a second, with the rate, and clears the line at the end', () => {
    let clock = 0;
    const out = target(true);
    const progress = createProgress(out, {}, () => clock)!;
    clock = 500;
    progress.update(65_537);
    expect(out.writes).toEqual([]);
    clock = 1000;
    progress.update(131_073);
    clock = 1500;
    progress.update(196_609);
    clock = 2000;
    progress.update(200_001);
    progress.done();
    expect(out.writes).toEqual([
      '\ranalyze: 131,072 rows read, 131,072 rows/s\u001b[K',
      '\ranalyze: 200,000 rows read, 100,000 rows/s\u001b[K',
      '\r\u001b[K',
    ]);
  });

  it('writes whole lines when asked for off a terminal', () => {
    const out = target(false);
    let clock = 0;
    const progress = createProgress(out, { ANALYZE_PROGRESS: '1' }, () => clock)!;
    clock = 2000;
    progress.update(100_001);
    progress.done();
    expect(out.writes).toEqual(['analyze: 100,000 rows read, 50,000 rows/s\n']);
  });
});
