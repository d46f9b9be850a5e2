// Benchmark: a city with 5,000 zones and 20,000 history events, imported as an office would send
// them, then the public site built from it. Prints import time, build time, the lookup index size
// (raw and gzipped) and the lookup time per keystroke in Chromium. Figures only; nothing asserts.
//   pnpm bench            (from the repository root)
import { createServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import {
  applyImport,
  astroSiteBuilder,
  ensureReferenceData,
  listDistricts,
  migrateToLatest,
  openDatabase,
  previewImport,
  snapshotDatabase,
} from '@epi/core/server';
import sirv from 'sirv';
import { CHROMIUM } from '../test/chromium.ts';

const ZONES = Number(process.env.EPI_BENCH_ZONES ?? 5_000);
const ROUNDS = 4; // seal, re-level, lift, seal again: ZONES × 4 events
const BUILT_AT = new Date('2022-01-01T00:00:00+08:00');
const publicAppDir = resolve(import.meta.dirname, '../../public');

// Deterministic names in the shape offices use: 乡镇/街道 + 村/社区/小区.
let seed = 20210106;
const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const FIRST = [
  ...'东西南北新大小高李王张刘陈杨赵黄周吴郭马孙胡朱林何韩冯邓曹彭曾田萧潘袁蔡蒋余杜叶程苏魏吕丁沈任姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const SECOND = [...'庄营屯寨店桥河口堡坊集岗台园湾铺城关里庙'];
const SUFFIX = ['村', '村', '村', '社区', '小区', '花园小区', '家园'];

interface Row {
  district: string;
  town: string;
  place: string;
}

function city(districts: string[]): Row[] {
  const seen = new Set<string>();
  const rows: Row[] = [];
  const towns = new Map(
    districts.map((d) => [d, Array.from({ length: 14 }, (_, i) => `${pick(FIRST)}${pick(FIRST)}${i % 3 === 0 ? '街道' : '镇'}`)]),
  );
  while (rows.length < ZONES) {
    const district = pick(districts);
    const town = pick(towns.get(district)!);
    const place = `${pick(FIRST)}${pick(SECOND)}${pick(SUFFIX)}`;
    const key = `${district}/${town}${place}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({ district, town, place });
  }
  return rows;
}

const LEVELS = ['高风险', '中风险', '低风险'];
const pad = (n: number) => String(n).padStart(2, '0');
function beijing(base: Date, minutes: number): string {
  const d = new Date(base.getTime() + 8 * 3_600_000 + minutes * 60_000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

function roundCsv(rows: Row[], round: number): Uint8Array {
  const start = new Date('2021-01-05T00:00:00+08:00');
  const lines = ['区县,乡镇/街道,村/社区/小区,风险等级,生效时间,依据,备注'];
  rows.forEach((r, i) => {
    const level = round === 2 ? '解除' : LEVELS[(i + round) % 3]!;
    // Rounds a quarter apart, spread within each round so the timeline has a change most days.
    const minutes = round * 90 * 1440 + ((i * 37) % (80 * 1440));
    lines.push([r.district, r.town, r.place, level, beijing(start, minutes), `基准测试公告第${round + 1}号`, ''].map(csvCell).join(','));
  });
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

const ms = (t0: number) => Math.round(performance.now() - t0);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
function dirSize(dir: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) {
      bytes += statSync(join(entry.parentPath, entry.name)).size;
      files += 1;
    }
  }
  return { bytes, files };
}

const work = mkdtempSync(join(tmpdir(), 'epi-bench-'));
try {
  const db = openDatabase(`sqlite:${join(work, 'bench.sqlite')}`);
  await migrateToLatest(db);
  await ensureReferenceData(db);
  const districts = (await listDistricts(db)).map((d) => d.shortName);
  const rows = city(districts);
  const actor = { id: null, name: '基准测试', role: 'system' as const };
  const importedAt = new Date('2021-01-05T00:00:00Z');

  console.log(`City: ${ZONES} zones in ${districts.length} county-level units, ${ZONES * ROUNDS} events in ${ROUNDS} imports`);
  let importTotal = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const file = { filename: `round-${round + 1}.csv`, bytes: roundCsv(rows, round) };
    const t0 = performance.now();
    const preview = await previewImport(db, file, importedAt);
    const previewMs = ms(t0);
    const t1 = performance.now();
    const errors = preview.summary.error;
    if (errors > 0)
      throw new Error(
        `round ${round + 1}: ${errors} bad rows, first: ${JSON.stringify(preview.rows.find((r) => r.errors.length)?.errors)}`,
      );
    await applyImport({ db, actor, now: importedAt }, file, preview.fingerprint);
    const applyMs = ms(t1);
    importTotal += previewMs + applyMs;
    console.log(
      `  import ${round + 1} (${file.bytes.length} bytes, ${preview.summary.rows} rows: seal ${preview.summary.seal}, relevel ${preview.summary.relevel}, lift ${preview.summary.lift}): preview ${previewMs} ms, apply ${applyMs} ms`,
    );
  }
  console.log(`Import time: ${importTotal} ms in all`);

  const snapshot = join(work, 'snapshot.sqlite');
  await snapshotDatabase(db, snapshot);
  await db.destroy();
  const outDir = join(work, 'site');
  const t2 = performance.now();
  await astroSiteBuilder(
    publicAppDir,
    'http://localhost:4321/',
  )({ databasePath: snapshot, outDir, builtAt: BUILT_AT, signal: new AbortController().signal });
  const buildMs = ms(t2);
  const site = dirSize(outDir);
  console.log(`Build time: ${buildMs} ms (${site.files} files, ${(site.bytes / 1_048_576).toFixed(1)} MiB)`);

  const index = readFileSync(join(outDir, 'zones', 'lookup-index.json'));
  console.log(`Lookup index: ${kib(index.length)} raw, ${kib(gzipSync(index, { level: 9 }).length)} gzipped`);
  const zonesPage = readFileSync(join(outDir, 'zones', 'index.html'));
  console.log(`/zones/ page: ${kib(zonesPage.length)} raw, ${kib(gzipSync(zonesPage, { level: 9 }).length)} gzipped`);

  // Keystroke latency in Chromium, from the input event to the results on screen.
  const serve = sirv(outDir, { extensions: ['html'] });
  const server = createServer((req, res) => serve(req, res, () => res.writeHead(404).end()));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/zones/`);
    const sample = rows[Math.floor(rows.length / 2)]!;
    const queries = [...`${sample.town}${sample.place}`].map((_, i, all) => all.slice(0, i + 1).join(''));
    const timings = await page.evaluate(async (prefixes: string[]) => {
      const input = document.querySelector<HTMLInputElement>('[data-lookup] input')!;
      const status = document.querySelector<HTMLElement>('[data-lookup-status]')!;
      const results: Array<{ query: string; ms: number; shown: number }> = [];
      input.focus();
      for (const query of prefixes) {
        const done = new Promise<void>((resolve) => {
          const observer = new MutationObserver(() => {
            if (status.querySelector('.lookup-count, .lookup-none')) {
              observer.disconnect();
              resolve();
            }
          });
          observer.observe(status, { childList: true, subtree: true });
        });
        const t0 = performance.now();
        input.value = query;
        input.dispatchEvent(new Event('input', { bubbles: true }));
        await done;
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        results.push({ query, ms: performance.now() - t0, shown: document.querySelectorAll('[data-lookup-results] li').length });
      }
      return results;
    }, queries);
    const DEBOUNCE = 150; // the lookup waits this long after the last keystroke before searching
    for (const t of timings) console.log(`  "${t.query}": ${t.ms.toFixed(1)} ms (${t.shown} shown)`);
    const work_ = timings
      .slice(1)
      .map((t) => t.ms - DEBOUNCE)
      .sort((a, b) => a - b);
    const median = work_[Math.floor(work_.length / 2)] ?? 0;
    console.log(
      `Lookup per keystroke: first ${timings[0]!.ms.toFixed(0)} ms (includes loading the index); then median ${median.toFixed(1)} ms, ` +
        `max ${Math.max(...work_).toFixed(1)} ms of search and rendering after the ${DEBOUNCE} ms typing pause`,
    );
  } finally {
    await browser.close();
    server.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
