import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { cacheableRead } from './http-cache.ts';

const BODY = JSON.stringify({ result: { data: Array.from({ length: 200 }, (_, i) => ({ name: `增村镇小果庄村${i}` })) } });
const answer = () => new Response(BODY, { status: 200, headers: { 'content-type': 'application/json' } });
const get = (headers: Record<string, string> = {}) => new Request('http://localhost/api/trpc/zone.list', { headers });

describe('reads over HTTP', () => {
  it('carry an ETag from their content, and answer 304 with no body to a reader who has it', async () => {
    const first = await cacheableRead(get(), answer(), false);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    expect(await first.text()).toBe(BODY);
    expect(first.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect((await cacheableRead(get(), answer(), false)).headers.get('etag')).toBe(etag);
    const again = await cacheableRead(get({ 'if-none-match': `W/${etag}` }), answer(), false);
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const other = await cacheableRead(get({ 'if-none-match': '"something-else"' }), answer(), false);
    expect(other.status).toBe(200);
  });

  it('are compressed as the reader accepts, brotli first', async () => {
    const br = await cacheableRead(get({ 'accept-encoding': 'gzip, deflate, br' }), answer(), false);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(brotliDecompressSync(Buffer.from(await br.arrayBuffer())).toString()).toBe(BODY);
    const gz = await cacheableRead(get({ 'accept-encoding': 'gzip' }), answer(), false);
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    const packed = Buffer.from(await gz.arrayBuffer());
    expect(packed.length).toBeLessThan(BODY.length / 4);
    expect(gunzipSync(packed).toString()).toBe(BODY);
  });

  it('keep a signed-in reader’s answer private, and leave errors and writes alone', async () => {
    expect((await cacheableRead(get(), answer(), true)).headers.get('cache-control')).toBe('private, no-cache');
    const failed = new Response('{}', { status: 401 });
    expect(await cacheableRead(get(), failed, false)).toBe(failed);
    const post = new Request('http://localhost/api/trpc/zone.list', { method: 'POST', body: '{}' });
    const written = answer();
    expect(await cacheableRead(post, written, false)).toBe(written);
  });
});
