import { describe, expect, it } from 'vitest';
import { ApiError } from '../errors.js';
import { assertKnownVersion, filterInstants, isEmptyFilter, parseReportFilter } from './filter.js';

function refusal(run: () => unknown): { code: string; path: string | undefined; message: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return { code: error.code, path: error.fields[0]?.path, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseReportFilter', () => {
  it('keeps every valid parameter and drops empty ones', () => {
    const filter = parseReportFilter({ from: '2026-01-01', to: '2026-01-31', version: '2', language: 'ka', segment: 'loyal', channel: 'email', source: 'invite', segment_x: 'x' } as never);
    expect(filter).toEqual({ from: '2026-01-01', to: '2026-01-31', version: 2, language: 'ka', segment: 'loyal', channel: 'email', source: 'invite' });
    expect(parseReportFilter({ from: '', segment: '' })).toEqual({});
    expect(isEmptyFilter(parseReportFilter({}))).toBe(true);
    expect(isEmptyFilter(filter)).toBe(false);
  });

  it.each([
    [{ from: '2026-13-01' }, '/query/from'],
    [{ from: '2026-02-30' }, '/query/from'],
    [{ to: 'yesterday' }, '/query/to'],
    [{ from: '2026-02-02', to: '2026-02-01' }, '/query/from'],
    [{ version: '0' }, '/query/version'],
    [{ version: '1.5' }, '/query/version'],
    [{ language: 'de' }, '/query/language'],
    [{ segment: 'happy' }, '/query/segment'],
    [{ source: 'qr' }, '/query/source'],
    [{ channel: 'x'.repeat(101) }, '/query/channel'],
  ])('refuses %j naming the parameter', (query, path) => {
    const problem = refusal(() => parseReportFilter(query));
    expect(problem.code).toBe('INVALID_FILTER');
    expect(problem.path).toBe(path);
    expect(problem.message.startsWith(path.slice('/query/'.length))).toBe(true);
  });

  it('refuses a version the survey does not have', () => {
    expect(refusal(() => assertKnownVersion({ version: 3 }, [{ version: 1 }, { version: 2 }])).path).toBe('/query/version');
    expect(() => assertKnownVersion({ version: 2 }, [{ version: 1 }, { version: 2 }])).not.toThrow();
  });

  it('turns the inclusive days into instants', () => {
    expect(filterInstants({ from: '2026-03-01', to: '2026-03-01' })).toEqual({
      from: new Date('2026-03-01T00:00:00.000Z'),
      before: new Date('2026-03-02T00:00:00.000Z'),
    });
  });
});
