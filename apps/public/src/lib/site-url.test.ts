import { describe, expect, it } from 'vitest';
import { absoluteUrl, readSiteUrl } from './site-url.ts';

describe('EPI_PUBLIC_SITE_URL', () => {
  it('defaults to the local portal, and is an origin ending with /', () => {
    expect(readSiteUrl({})).toBe('http://localhost:4321/');
    expect(readSiteUrl({ EPI_PUBLIC_SITE_URL: 'https://yq.sjz.gov.cn' })).toBe('https://yq.sjz.gov.cn/');
    expect(readSiteUrl({ EPI_PUBLIC_SITE_URL: ' https://yq.sjz.gov.cn/ ' })).toBe('https://yq.sjz.gov.cn/');
  });

  it('is refused when it is not an http(s) origin', () => {
    expect(() => readSiteUrl({ EPI_PUBLIC_SITE_URL: 'yq.sjz.gov.cn' })).toThrow(/EPI_PUBLIC_SITE_URL/);
    expect(() => readSiteUrl({ EPI_PUBLIC_SITE_URL: 'ftp://yq.sjz.gov.cn' })).toThrow(/http/);
    expect(() => readSiteUrl({ EPI_PUBLIC_SITE_URL: 'https://www.sjz.gov.cn/yq/' })).toThrow(/origin/);
  });

  it('makes absolute URLs of the site', () => {
    expect(absoluteUrl('/bulletins/rss.xml', new URL('https://yq.sjz.gov.cn/'))).toBe('https://yq.sjz.gov.cn/bulletins/rss.xml');
    expect(() => absoluteUrl('/', undefined)).toThrow(/site/);
  });
});
