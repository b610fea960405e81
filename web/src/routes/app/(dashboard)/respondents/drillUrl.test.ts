import { describe, expect, it } from 'vitest';
import { commentsQuery, drillHref, firstPageHref, nextPageHref, pageNumber, previousPageHref, respondentsQuery, sortFromUrl, sortHref } from './drillUrl.js';

const at = (search: string, path = '/app/respondents') => new URL(`https://lens.test${path}?${search}`);
const params = (href: string) => Object.fromEntries(new URL(href, 'https://lens.test').searchParams);

describe('the drill-down’s URL', () => {
  it('asks the API for the filters, the cell, the sort and the page, and nothing of the page language', () => {
    const url = at('survey=s1&lang=ru&segment=loyal&from=2026-01-01&loyaltyType=latent&satisfactionLevel=4&recoveryGroup=resolved&sort=E&order=asc&cursor=abc&previous=x&event=e1');
    expect(respondentsQuery(url)).toEqual({
      segment: 'loyal',
      from: '2026-01-01',
      loyaltyType: 'latent',
      satisfactionLevel: '4',
      recoveryGroup: 'resolved',
      sort: 'E',
      order: 'asc',
      cursor: 'abc',
      limit: 25,
    });
    expect(commentsQuery(at('survey=s1&segment=defector&cursor=c2&sort=S'))).toEqual({ segment: 'defector', cursor: 'c2', limit: 25 });
  });

  it('pages forward remembering each cursor, and back the same way to the first page', () => {
    const first = at('survey=s1&segment=loyal&sort=S');
    expect(pageNumber(first)).toBe(1);
    expect(previousPageHref(first)).toBeNull();
    expect(firstPageHref(first)).toBeNull();

    const second = new URL(nextPageHref(first, 'c2'), first);
    expect(params(second.href)).toEqual({ survey: 's1', segment: 'loyal', sort: 'S', cursor: 'c2' });
    expect(pageNumber(second)).toBe(2);
    const third = new URL(nextPageHref(second, 'c3'), first);
    expect(params(third.href)).toMatchObject({ cursor: 'c3', previous: 'c2' });
    const fourth = new URL(nextPageHref(third, 'c4'), first);
    expect(params(fourth.href)).toMatchObject({ cursor: 'c4', previous: 'c2.c3' });
    expect(pageNumber(fourth)).toBe(4);

    expect(params(previousPageHref(fourth)!)).toEqual(params(third.href));
    expect(params(previousPageHref(third)!)).toEqual(params(second.href));
    expect(params(previousPageHref(second)!)).toEqual(params(first.href));
    expect(params(firstPageHref(fourth)!)).toEqual(params(first.href));
  });

  it('starts a new sort from its first page and leaves the defaults out of the URL', () => {
    const url = at('survey=s1&segment=loyal&cursor=c3&previous=c2');
    expect(params(sortHref(url, 'B', 'asc'))).toEqual({ survey: 's1', segment: 'loyal', sort: 'B', order: 'asc' });
    expect(params(sortHref(url, 'submittedAt', 'desc'))).toEqual({ survey: 's1', segment: 'loyal' });
    expect(sortFromUrl(at('sort=E&order=asc'))).toEqual({ sort: 'E', order: 'asc' });
    expect(sortFromUrl(at('sort=D&order=up'))).toEqual({ sort: 'submittedAt', order: 'desc' });
  });

  it('gives a respondent’s link the list’s cell, sort and page, so its back link returns to the same rows', () => {
    const list = at('survey=s1&lang=ka&segment=hostage&loyaltyType=spurious&sort=S&cursor=c3&previous=c2');
    const respondent = drillHref('/app/respondents/r1', list);
    expect(new URL(respondent, list).pathname).toBe('/app/respondents/r1');
    const back = drillHref('/app/respondents', new URL(respondent, list));
    expect(params(back)).toEqual(params(list.href));
  });
});
