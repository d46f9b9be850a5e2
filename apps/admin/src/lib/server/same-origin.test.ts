import { describe, expect, it } from 'vitest';
import { isCrossSite } from './same-origin.ts';

const post = (origin: string | null) => new Request('http://localhost:3000/login', { method: 'POST', headers: origin ? { origin } : {} });
const url = new URL('https://localhost:3000/login'); // what the node server assumes behind no proxy

describe('the console accepts changes only from its own pages', () => {
  it('accepts a post from the host it was sent to, over http or https', () => {
    expect(isCrossSite(post('http://localhost:3000'), url, 'http://localhost:3000')).toBe(false);
    expect(isCrossSite(post('https://localhost:3000'), url, 'http://localhost:3000')).toBe(false);
  });

  it('accepts the configured public origin of a console behind a proxy', () => {
    const internal = new URL('https://10.0.0.5:3000/login');
    expect(isCrossSite(post('https://admin.example.gov.cn'), internal, 'https://admin.example.gov.cn')).toBe(false);
  });

  it('refuses another site, another port, a missing or malformed Origin', () => {
    expect(isCrossSite(post('https://evil.example'), url, 'http://localhost:3000')).toBe(true);
    expect(isCrossSite(post('http://localhost:4321'), url, 'http://localhost:3000')).toBe(true);
    expect(isCrossSite(post(null), url, 'http://localhost:3000')).toBe(true);
    expect(isCrossSite(post('null'), url, 'http://localhost:3000')).toBe(true);
  });

  it('lets reads through', () => {
    expect(isCrossSite(new Request('http://localhost:3000/zones'), url, 'http://localhost:3000')).toBe(false);
  });
});
