import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

  it("takes the previous release's compressed copies of a file it has unchanged, and compresses a changed one anew", () => {
    const previous = join(dir, 'r1');
    const next = join(dir, 'r2');
    const page = (n: number) => `<!doctype html><title>第${n}版</title>${'<li>藁城区增村镇小果庄村 高风险</li>'.repeat(100)}`;
    for (const [release, changed] of [
      [previous, 1],
      [next, 2],
    ] as const) {
      mkdirSync(join(release, 'zones'), { recursive: true });
      writeFileSync(join(release, 'zones', 'same.html'), page(0));
      writeFileSync(join(release, 'zones', 'changed.html'), page(changed));
    }
    expect(precompress(previous)).toMatchObject({ files: 2, reused: 0 });
    expect(precompress(next, previous)).toMatchObject({ files: 2, reused: 1 });
    // The same bytes, shared on disk where links are possible.
    expect(statSync(join(next, 'zones', 'same.html.br')).ino).toBe(statSync(join(previous, 'zones', 'same.html.br')).ino);
    expect(brotliDecompressSync(readFileSync(join(next, 'zones', 'changed.html.br'))).toString()).toBe(page(2));
    expect(gunzipSync(readFileSync(join(next, 'zones', 'changed.html.gz'))).toString()).toBe(page(2));
  });
});
