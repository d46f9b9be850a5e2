import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTransparencyLog, transparencyLogKey, type LogEntry } from './log.ts';
import { entryBundles, leafHash, readEntryBundle, rootOf, tileIndexPath, tilePath, tiles } from './merkle.ts';
import { openCheckpoint } from './note.ts';
import { verifyLog } from './verify.ts';

// RFC 6962's reference leaves and tree heads (as in Certificate Transparency's own tests).
const DATA = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) =>
  Buffer.from(h, 'hex'),
);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('RFC 6962 hashing and C2SP tlog-tiles', () => {
  it('gives the reference tree head for every size 0 to 8', () => {
    const leaves = DATA.map(leafHash);
    for (let n = 0; n <= 8; n += 1) expect(rootOf(leaves.slice(0, n)).toString('hex'), `size ${n}`).toBe(ROOTS[n]);
  });

  it('names tiles as the spec does, partial ones with their width', () => {
    expect(tileIndexPath(0)).toBe('000');
    expect(tileIndexPath(1234067)).toBe('x001/x234/067');
    expect(tilePath(0, 1, 256)).toBe('tile/0/001');
    expect(tilePath('entries', 0, 17)).toBe('tile/entries/000.p/17');
  });

  it('makes level-1 tiles of complete 256-leaf subtrees only, and entry bundles that read back', () => {
    const data = Array.from({ length: 600 }, (_, i) => Buffer.from(`entry ${i}`));
    const leaves = data.map(leafHash);
    const files = new Map(tiles(leaves).map((t) => [t.path, t.content]));
    expect([...files.keys()]).toEqual(['tile/0/000', 'tile/0/001', 'tile/0/002.p/88', 'tile/1/000.p/2']);
    expect(
      files
        .get('tile/1/000.p/2')!
        .subarray(0, 32)
        .equals(rootOf(leaves.slice(0, 256))),
    ).toBe(true);
    const bundles = entryBundles(data);
    expect(bundles.map((b) => b.path)).toEqual(['tile/entries/000', 'tile/entries/001', 'tile/entries/002.p/88']);
    expect(readEntryBundle(bundles[2]!.content).map(String)).toEqual(data.slice(512).map(String));
  });
});

describe('the published log', () => {
  let dir: string;
  let release: string;
  const options = () => ({ keyFile: join(dir, 'log-key.pem'), name: 'yq.example.gov.cn/log' });
  const entry = (n: number): LogEntry => ({
    change: n,
    at: `2021-01-15T0${n % 10}:00:00.000Z`,
    reason: `第${n}项更改`,
    path: `/zones/z${n}/`,
  });
  const publish = (count: number) =>
    writeTransparencyLog(
      join(release, 'log'),
      Array.from({ length: count }, (_, i) => entry(i + 1)),
      options(),
    );

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'epi-log-'));
    release = join(dir, 'release');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('signs a checkpoint any signed-note verifier can open with the published key', () => {
    const checkpoint = publish(3);
    const key = readFileSync(join(release, 'log', 'key'), 'utf8').trim();
    expect(key).toBe(transparencyLogKey(options()));
    expect(key).toMatch(/^yq\.example\.gov\.cn\/log\+[0-9a-f]{8}\+[A-Za-z0-9+/]+=*$/);
    const note = readFileSync(join(release, 'log', 'checkpoint'), 'utf8');
    expect(note).toMatch(/^yq\.example\.gov\.cn\/log\n3\n[A-Za-z0-9+/]{43}=\n\n— yq\.example\.gov\.cn\/log [A-Za-z0-9+/]+=*\n$/);
    expect(openCheckpoint(note, key)).toEqual(checkpoint);
    expect(() => openCheckpoint(note.replace('\n3\n', '\n4\n'), key)).toThrow('检查点的签名与公钥不符');
  });

  it('verifies a grown log against the tree seen before, and an item in it', async () => {
    publish(3);
    const key = transparencyLogKey(options());
    const first = await verifyLog(release, key);
    expect(first).toMatchObject({ ok: true, size: 3, problems: [] });
    publish(300);
    const second = await verifyLog(release, key, { seen: { size: first.size, root: first.root }, paths: ['/zones/z250/'] });
    expect(second).toMatchObject({ ok: true, size: 300, problems: [] });
    expect((await verifyLog(release, key, { paths: ['/zones/nowhere/'] })).problems).toEqual(['/zones/nowhere/ 不在日志中']);
  });

  it('catches a rewritten history, a shortened log, and a tile that does not match', async () => {
    publish(5);
    const key = transparencyLogKey(options());
    const seen = await verifyLog(release, key);
    // The operator rewrites an old entry and signs the new tree with the same key.
    writeTransparencyLog(join(release, 'log'), [{ ...entry(1), reason: '改写' }, ...[2, 3, 4, 5, 6].map(entry)], options());
    expect((await verifyLog(release, key, { seen })).problems).toEqual(['前 5 条与此前见过的不一致：日志被改写过']);
    publish(4);
    expect((await verifyLog(release, key, { seen })).problems).toEqual(['日志变短了：此前见过 5 条，现在只有 4 条']);
    writeFileSync(join(release, 'log', 'tile', '0', '000.p/4'), Buffer.alloc(128));
    expect((await verifyLog(release, key)).problems).toEqual(['瓦片 tile/0/000.p/4 与条目不符']);
    writeFileSync(join(release, 'log', 'tile', 'entries', '000.p/4'), Buffer.from([0, 9, 1]));
    expect((await verifyLog(release, key)).problems).toEqual(['条目文件 tile/entries/000.p/4 格式不正确']);
  });

  it('refuses a checkpoint signed by another key', async () => {
    publish(2);
    const other = transparencyLogKey({ keyFile: join(dir, 'other.pem'), name: 'yq.example.gov.cn/log' });
    await expect(verifyLog(release, other)).rejects.toThrow('检查点的签名与公钥不符');
  });
});
