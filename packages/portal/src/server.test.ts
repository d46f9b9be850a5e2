import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPublicServer } from './server.ts';

describe('the public portal server', () => {
  let dir: string;
  let close: (() => Promise<void>) | null = null;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'epi-public-server-'));
  });
  afterEach(async () => {
    await close?.();
    rmSync(dir, { recursive: true, force: true });
  });

  const start = async () => {
    const server = await startPublicServer(join(dir, 'current'), '127.0.0.1', 0);
    close = () => new Promise<void>((resolve) => server.close(() => resolve()));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };

  it('says the site is being generated before the first release', async () => {
    const base = await start();
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('网站正在生成');
  });

  it('serves the live release with its own 404 page, caching that fits each file, and headers against framing and sniffing', async () => {
    const release = join(dir, 'r1');
    mkdirSync(join(release, '_astro'), { recursive: true });
    writeFileSync(join(release, 'index.html'), '<!doctype html><title>首页</title>');
    writeFileSync(join(release, '404.html'), '<!doctype html><title>页面不存在 · 石家庄市疫情信息发布</title>');
    writeFileSync(join(release, '_astro', 'lookup.3f2a1b.js'), 'export {}');
    // A page with its brotli copy written at build.
    const page = '<!doctype html><title>管控区域</title>' + '<li>藁城区增村镇小果庄村</li>'.repeat(100);
    mkdirSync(join(release, 'zones'));
    writeFileSync(join(release, 'zones', 'index.html'), page);
    writeFileSync(join(release, 'zones', 'index.html.br'), brotliCompressSync(page));
    symlinkSync('r1', join(dir, 'current'));
    const base = await start();

    const home = await fetch(`${base}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
    expect(home.headers.get('etag')).toBeTruthy();
    for (const [name, value] of [
      ['x-content-type-options', 'nosniff'],
      ['x-frame-options', 'DENY'],
      ['referrer-policy', 'strict-origin-when-cross-origin'],
    ]) {
      expect(home.headers.get(name!), name).toBe(value);
    }
    // A strict policy: only the site's own files, nothing inline, no framing.
    const csp = (home.headers.get('content-security-policy') ?? '').split('; ');
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp.join(' ')).not.toMatch(/unsafe-inline|'unsafe-eval'|\*/);
    const asset = await fetch(`${base}/_astro/lookup.3f2a1b.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

    // Sent compressed as the browser accepts, from the file written beside the page at build.
    const compressed = await new Promise<{ encoding: string | undefined; vary: string | undefined; body: Buffer }>((resolve, reject) => {
      get(`${base}/zones/`, { headers: { 'accept-encoding': 'br, gzip' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ encoding: res.headers['content-encoding'], vary: String(res.headers.vary ?? ''), body: Buffer.concat(chunks) }),
        );
      }).on('error', reject);
    });
    expect(compressed.encoding).toBe('br');
    expect(compressed.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(compressed.body).toString()).toBe(page);

    const missing = await fetch(`${base}/zones/no-such-zone/`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('页面不存在 · 石家庄市疫情信息发布');
    expect(missing.headers.get('x-frame-options')).toBe('DENY');
  });

  it('redirects a link to an attachment of the form it had before files were named by id', async () => {
    const release = join(dir, 'r1');
    mkdirSync(join(release, 'bulletins', 'b1', 'attachments'), { recursive: true });
    writeFileSync(join(release, 'index.html'), '<!doctype html><title>首页</title>');
    writeFileSync(join(release, 'bulletins', 'b1', 'attachments', 'a1.pdf'), '%PDF-1.4');
    writeFileSync(join(release, 'bulletins', 'b1', 'attachments', 'a1.pdf.gz'), gzipSync('%PDF-1.4'));
    symlinkSync('r1', join(dir, 'current'));
    const base = await start();

    const old = await fetch(`${base}/bulletins/b1/attachments/a1/${encodeURIComponent('检测点名单.pdf')}`, { redirect: 'manual' });
    expect(old.status).toBe(301);
    expect(old.headers.get('location')).toBe('/bulletins/b1/attachments/a1.pdf');
    expect(await (await fetch(`${base}${old.headers.get('location')}`)).text()).toBe('%PDF-1.4');
    // Nothing else is redirected: an attachment the release lacks, another bulletin, a path that climbs.
    for (const path of ['/bulletins/b1/attachments/a2/x.pdf', '/bulletins/b2/attachments/a1/x.pdf', '/bulletins/b1/attachments/../x.pdf']) {
      expect((await fetch(`${base}${path}`, { redirect: 'manual' })).status, path).toBe(404);
    }
  });
});
