import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompress } from './precompress.ts';

describe('a release precompressed', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'epi-precompress-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes brotli and gzip beside each text file worth it, and leaves small and binary files alone', () => {
    const page = `<!doctype html><title>管控区域</title>${'<li>藁城区增村镇小果庄村 高风险</li>'.repeat(100)}`;
    mkdirSync(join(dir, 'zones'));
    writeFileSync(join(dir, 'zones', 'index.html'), page);
    writeFileSync(join(dir, 'tiny.json'), '{}');
    writeFileSync(join(dir, 'map.png'), Buffer.alloc(4096, 1));
    const packed = precompress(dir);
    expect(packed.files).toBe(1);
    expect(packed.brotliBytes).toBeLessThan(packed.bytes / 10);
    expect(brotliDecompressSync(readFileSync(join(dir, 'zones', 'index.html.br'))).toString()).toBe(page);
    expect(gunzipSync(readFileSync(join(dir, 'zones', 'index.html.gz'))).toString()).toBe(page);
    expect(['tiny.json.br', 'map.png.br', 'map.png.gz'].map((f) => existsSync(join(dir, f)))).toEqual([false, false, false]);
  });
});
