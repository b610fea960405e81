import { describe, expect, it } from 'vitest';
import { apiFilter, pageHref, readFilter } from './filter.js';

describe('the audit filter', () => {
  const actions = ['export', 'erasure'] as const;

  it('reads the action and dates from the address, dropping what is not one', () => {
    expect(readFilter(new URLSearchParams('action=export&from=2026-11-01&to=2026-11-30'), actions)).toEqual({ action: 'export', from: '2026-11-01', to: '2026-11-30' });
    expect(readFilter(new URLSearchParams('action=drop_tables&from=yesterday&to=2026-13-45'), actions)).toEqual({ action: '', from: '', to: '' });
  });

  it('asks the API from the start of the first day to the end of the last, in local time', () => {
    const filter = apiFilter({ action: 'erasure', from: '2026-11-01', to: '2026-11-30' }, 'c2');
    expect(filter).toMatchObject({ action: 'erasure', cursor: 'c2', limit: 50 });
    expect(new Date(filter.from ?? '').getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(filter.to ?? '').getTime()).toBe(new Date(2026, 11, 1).getTime());
  });

  it('sends nothing it was not given', () => {
    expect(apiFilter({ action: '', from: '', to: '' }, null)).toEqual({ limit: 50 });
  });

  it('keeps the filter when paging and drops the cursor to go back to the newest', () => {
    const search = new URLSearchParams('action=export&lang=ru&cursor=old');
    expect(pageHref('/app/audit', search, 'next')).toBe('/app/audit?action=export&lang=ru&cursor=next');
    expect(pageHref('/app/audit', search, null)).toBe('/app/audit?action=export&lang=ru');
  });
});
