import { describe, expect, it } from 'vitest';
import { searchAttributes, searchTypeOf } from './search.ts';

describe('pages in the search index', () => {
  it('are bulletins, press conferences and zones, by their permanent addresses', () => {
    expect(searchTypeOf('/bulletins/6b720c6b-87a4-498f-868c-eed3c8487aad/')).toBe('bulletin');
    expect(searchTypeOf('/press-conferences/city-11/')).toBe('pressConference');
    expect(searchTypeOf('/press-conferences/province-2021-01-20/')).toBe('pressConference');
    expect(searchTypeOf('/zones/b7e6c228-d6a3-4f64-ab4f-0da4f17fdef9/')).toBe('zone');
  });

  it('leave out lists, filter pages and the other zone views', () => {
    for (const path of [
      '/',
      '/bulletins/',
      '/bulletins/category/notice/',
      '/bulletins/issuer/d024bb1390/',
      '/bulletins/month/2021-01/',
      '/press-conferences/',
      '/zones/',
      '/zones/map/',
      '/zones/timeline/',
      '/zones/on/',
      '/zones/on/2021-01-15/',
      '/districts/130109/',
      '/search/',
    ]) {
      expect(searchTypeOf(path), path).toBeNull();
      expect(searchAttributes(path), path).toEqual({});
    }
  });

  it('mark the body to index, with its type as metadata and filter', () => {
    expect(searchAttributes('/zones/z1/')).toEqual({
      'data-pagefind-body': '',
      'data-pagefind-meta': 'type:管控区域',
      'data-pagefind-filter': 'type:管控区域',
    });
  });
});
