// Benchmark of the public site at city scale: a city of zones imported as an office would send them
// (EPI_BENCH_ZONES, 5,000 by default, each with four events), and with EPI_BENCH_DATASET=city-year
// also a year of half-day reports, 100 press conferences and 1,000 bulletins, all written through the
// same validation and workflow functions as the console's. Then, with the publisher the console runs:
//   - the full build (time, and the peak memory of the build's processes, sampled from /proc);
//   - publish-to-live for one zone change and for one bulletin, each the median of EPI_BENCH_RUNS (5);
//   - the home page and /zones/ as sent (gzip) and as rendered (DOM elements) in Chromium;
//   - the lookup's time per keystroke in Chromium with the CPU slowed 4×, median and p95.
// Figures only; nothing asserts. The last line is JSON.
//   npm run bench                                 (from the repository root)
//   EPI_BENCH_ZONES=20000 npm run bench
//   EPI_BENCH_DATASET=city-year npm run bench
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from '@playwright/test';
import {
  actorOf,
  applyImport,
  approveBulletin,
  approveReport,
  astroSiteBuilder,
  createBulletin,
  createUser,
  ensureReferenceData,
  listDistricts,
  listLevels,
  listZones,
  migrateToLatest,
  openDatabase,
  previewImport,
  Publisher,
  publishBulletin,
  publishPressConference,
  relevelZone,
  seededRandom,
  submitBulletin,
  submitReport,
  writeForSite,
  type Actor,
  type Db,
} from '@epi/core/server';
import { startPublicServer } from '@epi/portal';
import { CHROMIUM } from '../test/chromium.ts';

const ZONES = Number(process.env.EPI_BENCH_ZONES ?? 5_000);
const DATASET = process.env.EPI_BENCH_DATASET === 'city-year' ? 'city-year' : 'zones';
const RUNS = Math.max(1, Number(process.env.EPI_BENCH_RUNS ?? 5));
const ROUNDS = 4; // seal, re-level, lift, seal again: ZONES × 4 events
const publicAppDir = resolve(import.meta.dirname, '../../public');
const HOUR = 3_600_000;

// Deterministic names in the shape offices use: 乡镇/街道 + 村/社区/小区.
const random = seededRandom(20210106);
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
  // Enough towns that every size of city has distinct names (about 60 places per town).
  const townsPer = Math.max(14, Math.ceil(ZONES / districts.length / 60));
  const towns = new Map(
    districts.map((d) => [
      d,
      Array.from({ length: townsPer }, (_, i) => `${pick(FIRST)}${pick(FIRST)}${i >= 14 ? pick(FIRST) : ''}${i % 3 === 0 ? '街道' : '镇'}`),
    ]),
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
  const d = new Date(base.getTime() + 8 * HOUR + minutes * 60_000);
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
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The summed resident memory (MB) of every process descended from this one, read from /proc. */
function descendantsRssMb(): number {
  const parents = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(fields[1]));
      // Field 24 of stat (index 21 after the name): resident pages.
      rss.set(Number(entry), (Number(fields[21]) * 4096) / 1_048_576);
    } catch {
      // The process ended while being read.
    }
  }
  let total = 0;
  for (const [pid, mb] of rss) {
    for (let p = parents.get(pid); p !== undefined && p > 1; p = parents.get(p)) {
      if (p === process.pid) {
        total += mb;
        break;
      }
    }
  }
  return total;
}

/** Runs `work` while sampling the memory of the processes it starts; its time and their peak. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; ms: number; peakRssMb: number }> {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, descendantsRssMb())), 100);
  const t0 = performance.now();
  try {
    const result = await work();
    return { result, ms: ms(t0), peakRssMb: Math.round(peak) };
  } finally {
    clearInterval(timer);
  }
}

async function staff(db: Db, role: 'press_officer' | 'reviewer', username: string, name: string): Promise<Actor> {
  const system = { db, actor: { id: null, name: '基准测试', role: 'system' as const }, now: new Date('2021-01-01T00:00:00Z') };
  const user = await createUser(system, { username, displayName: name, role, password: 'bench-Passphrase-2021-unused' });
  return actorOf(user);
}

async function cityYear(db: Db, press: Actor, reviewer: Actor, districtCodes: string[]): Promise<void> {
  const at = (instant: number, actor: Actor) => ({ db, actor, now: new Date(instant) });
  const start = Date.parse('2021-01-02T00:00:00+08:00');
  let cumulative = 0;
  let cumulativeAsymptomatic = 0;
  const t0 = performance.now();
  // A year of days: the part-day figure (0—12时) of the press conference, then the full day's bulletin.
  for (let day = 0; day < 365; day++) {
    const dayStart = start + day * 24 * HOUR;
    const wave = 30 * Math.exp(-(((day - 14) / 8) ** 2)) + 6 * Math.exp(-(((day - 200) / 25) ** 2));
    const full = Math.round(wave * (0.5 + random()));
    const part = Math.round(full * random());
    const asymptomatic = Math.round(full * 0.4 * random());
    const district = pick(districtCodes);
    for (const [end, newConfirmed, note] of [
      [dayStart + 12 * HOUR, part, '新闻发布会通报（0—12时）'],
      [dayStart + 24 * HOUR, full, '省卫健委通报（0—24时）'],
    ] as const) {
      const input = {
        periodStart: new Date(dayStart).toISOString(),
        periodEnd: new Date(end).toISOString(),
        newConfirmed,
        newAsymptomatic: end === dayStart + 24 * HOUR ? asymptomatic : null,
        cumulativeConfirmed: cumulative + newConfirmed,
        cumulativeAsymptomatic: end === dayStart + 24 * HOUR ? cumulativeAsymptomatic + asymptomatic : null,
        districts: newConfirmed > 0 ? [{ districtCode: district, newConfirmed }] : [],
        source: `基准测试数据：${note}`,
        reconciliationNote: '基准测试数据',
      };
      const submitted = await submitReport(at(end + HOUR, press), input);
      await approveReport(at(end + 2 * HOUR, reviewer), { id: submitted.id, expectedVersion: submitted.version });
    }
    cumulative += full;
    cumulativeAsymptomatic += asymptomatic;
  }
  console.log(`  730 reports (a year of half-day and full-day figures) in ${ms(t0)} ms`);
  const t1 = performance.now();
  for (let n = 1; n <= 100; n++) {
    const heldOn = new Date(start + (n - 1) * 3 * 24 * HOUR + 8 * HOUR).toISOString().slice(0, 10);
    await publishPressConference(at(Date.parse(`${heldOn}T21:00:00+08:00`), press), {
      level: 'municipal',
      issuer: '石家庄市人民政府新闻办公室',
      number: n,
      heldOn,
      startsAt: `${heldOn}T16:00:00+08:00`,
      title: `石家庄市新冠肺炎疫情防控工作第${n}场新闻发布会`,
      summary: `基准测试：第${n}场新闻发布会的摘要。`.repeat(8),
      people: [{ role: 'speaker', name: '发言人', title: '基准测试' }],
    });
  }
  console.log(`  100 press conferences in ${ms(t1)} ms`);
  const t2 = performance.now();
  for (let n = 1; n <= 1_000; n++) {
    const when = start + Math.floor((n * 365 * 24 * HOUR) / 1_000);
    const issuedOn = new Date(when + 8 * HOUR).toISOString().slice(0, 10);
    const draft = await createBulletin(at(when, press), {
      title: `关于疫情防控工作的通告（基准测试第${n}号）`,
      issuer: n % 3 === 0 ? '河北省卫生健康委员会' : '石家庄市新冠肺炎疫情防控工作领导小组办公室',
      issuedOn,
      category: 'notice',
      bodyMd: `## 第${n}号\n\n${'各县（市、区）要严格落实疫情防控各项措施，做好人员排查和核酸检测工作。'.repeat(6)}\n\n- 一、严格管控\n- 二、加强检测\n`,
    });
    const step = (b: { id: string; version: number }) => ({ id: b.id, expectedVersion: b.version });
    const submitted = await submitBulletin(at(when + 60_000, press), step(draft));
    const approved = await approveBulletin(at(when + 120_000, reviewer), step(submitted));
    await publishBulletin(at(when + 180_000, reviewer), step(approved));
  }
  console.log(`  1,000 bulletins in ${ms(t2)} ms`);
}

const work = mkdtempSync(join(tmpdir(), 'epi-bench-'));
const now = new Date('2022-01-01T00:00:00+08:00');
let publisher: Publisher | null = null;
try {
  const db = openDatabase(`sqlite:${join(work, 'bench.sqlite')}`);
  await migrateToLatest(db);
  await ensureReferenceData(db);
  const districtList = await listDistricts(db);
  const districts = districtList.map((d) => d.shortName);
  const rows = city(districts);
  const importer = { id: null, name: '基准测试', role: 'system' as const };

  console.log(
    `Dataset ${DATASET}: ${ZONES} zones in ${districts.length} county-level units, ${ZONES * ROUNDS} events in ${ROUNDS} imports`,
  );
  let importTotal = 0;
  for (let round = 0; round < ROUNDS; round++) {
    const file = { filename: `round-${round + 1}.csv`, bytes: roundCsv(rows, round) };
    // Sent the day after the round's last change, as an office sends its list.
    const importedAt = new Date(Date.parse('2021-01-05T00:00:00+08:00') + (round * 90 + 81) * 24 * HOUR);
    const t0 = performance.now();
    const preview = await previewImport(db, file, importedAt);
    const errors = preview.summary.error;
    if (errors > 0)
      throw new Error(
        `round ${round + 1}: ${errors} bad rows, first: ${JSON.stringify(preview.rows.find((r) => r.errors.length)?.errors)}`,
      );
    await applyImport({ db, actor: importer, now: importedAt }, file, preview.fingerprint);
    importTotal += ms(t0);
  }
  console.log(`  imported in ${importTotal} ms`);
  const press = await staff(db, 'press_officer', 'bench-press', '基准测试发布员');
  const reviewer = await staff(db, 'reviewer', 'bench-reviewer', '基准测试审核员');
  if (DATASET === 'city-year')
    await cityYear(
      db,
      press,
      reviewer,
      districtList.map((d) => d.code),
    );

  // The publisher the console runs, building with astro into releases under the work folder.
  const releasesDir = join(work, 'releases');
  publisher = new Publisher({
    db,
    releasesDir,
    build: astroSiteBuilder(publicAppDir, 'http://localhost:4321/'),
    codeVersion: 'bench',
    now: () => now,
    keep: 2,
    retry: { initialMs: 0, maxMs: 0 },
  });
  const live = async () => {
    publisher!.request('基准测试');
    await publisher!.idle();
  };
  const full = await measured(live);
  const current = publisher.currentDir;
  if (!statSync(join(current, 'index.html')).isFile()) throw new Error('the build went live without a home page');
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(current, { withFileTypes: true, recursive: true })) {
    if (entry.isFile() && !/\.(br|gz)$/.test(entry.name)) {
      files += 1;
      bytes += statSync(join(entry.parentPath, entry.name)).size;
    }
  }
  console.log(
    `Full build: ${full.ms} ms, peak memory of its processes ${full.peakRssMb} MB (${files} files, ${(bytes / 1_048_576).toFixed(1)} MiB)`,
  );

  // Publish-to-live: from the write to the release that shows it going live.
  const levels = (await listLevels(db)).filter((l) => l.control);
  const zoneRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const [zone] = (await listZones(db, now.toISOString())).filter((z) => z.underControl).slice(i, i + 1);
    if (!zone) break;
    const level = levels.find((l) => l.id !== zone.level?.id && l.schemeId === zone.level?.schemeId)!;
    await writeForSite(
      { db, actor: reviewer, now },
      (w) =>
        relevelZone(w, {
          zoneId: zone.id,
          expectedVersion: zone.version,
          levelId: level.id,
          effectiveAt: now.toISOString(),
          notice: '基准测试调整',
        }),
      (z) => ({ reason: `调整等级：${z.name}`, path: `/zones/${z.id}/` }),
    );
    await live();
    zoneRuns.push(ms(t0));
  }
  const bulletinRuns: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const at = { db, actor: press, now };
    const draft = await createBulletin(at, {
      title: `基准测试：发布到上线第${i + 1}次`,
      issuer: '石家庄市卫生健康委员会',
      issuedOn: '2021-12-31',
      category: 'notice',
      bodyMd: '基准测试。',
    });
    const step = (b: { id: string; version: number }) => ({ id: b.id, expectedVersion: b.version });
    const submitted = await submitBulletin(at, step(draft));
    const approved = await approveBulletin({ db, actor: reviewer, now }, step(submitted));
    await writeForSite(
      { db, actor: reviewer, now },
      (w) => publishBulletin(w, step(approved)),
      (b) => ({ reason: '发布公告', path: `/bulletins/${b.id}/` }),
    );
    await live();
    bulletinRuns.push(ms(t0));
  }
  console.log(`Publish to live, one zone change: ${zoneRuns.join(', ')} ms (median ${median(zoneRuns)} ms)`);
  console.log(`Publish to live, one bulletin: ${bulletinRuns.join(', ')} ms (median ${median(bulletinRuns)} ms)`);

  // Transfer sizes as the portal sends them: the gzip file written beside each page at build.
  const gz = (path: string) => {
    try {
      return statSync(`${path}.gz`).size;
    } catch {
      return gzipSync(readFileSync(path), { level: 9 }).length;
    }
  };
  const homeGzBytes = gz(join(current, 'index.html'));
  const zonesGzBytes = gz(join(current, 'zones', 'index.html'));
  const index = readFileSync(join(current, 'zones', 'lookup-index.json'));
  const indexGzBytes = gz(join(current, 'zones', 'lookup-index.json'));
  console.log(
    `Home: ${kib(homeGzBytes)} gzipped; /zones/: ${kib(zonesGzBytes)} gzipped; lookup index ${kib(index.length)} raw, ${kib(indexGzBytes)} gzipped`,
  );

  // In Chromium, through the portal's own server: DOM sizes, then the lookup per keystroke with 4× CPU throttling.
  const server = await startPublicServer(current, '127.0.0.1', 0);
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch(CHROMIUM);
  let figures: { homeDom: number; zonesDom: number; keystrokes: number[]; first: number };
  try {
    const page = await browser.newPage();
    const domSize = async (path: string) => {
      await page.goto(`http://127.0.0.1:${port}${path}`);
      return page.evaluate(() => document.getElementsByTagName('*').length);
    };
    const homeDom = await domSize('/');
    const zonesDom = await domSize('/zones/');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
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
    figures = { homeDom, zonesDom, keystrokes: timings.slice(1).map((t) => t.ms - DEBOUNCE), first: timings[0]!.ms };
  } finally {
    await browser.close();
    server.close();
  }
  const keystrokeMedianMs = Math.round(median(figures.keystrokes) * 10) / 10;
  const keystrokeP95Ms = Math.round(quantile(figures.keystrokes, 0.95) * 10) / 10;
  console.log(`DOM elements: home ${figures.homeDom}, /zones/ ${figures.zonesDom}`);
  console.log(
    `Lookup per keystroke (4× CPU throttling, after the typing pause): median ${keystrokeMedianMs} ms, p95 ${keystrokeP95Ms} ms; first ${figures.first.toFixed(0)} ms (includes loading the index)`,
  );
  console.log(
    JSON.stringify({
      dataset: DATASET,
      zones: ZONES,
      publishToLiveMs: median(zoneRuns),
      publishToLiveBulletinMs: median(bulletinRuns),
      fullBuildMs: full.ms,
      buildPeakRssMb: full.peakRssMb,
      homeGzBytes,
      zonesGzBytes,
      homeDomElements: figures.homeDom,
      zonesDomElements: figures.zonesDom,
      lookupIndexGzBytes: indexGzBytes,
      keystrokeMedianMs,
      keystrokeP95Ms,
    }),
  );
  await publisher.stop();
  publisher = null;
  await db.destroy();
} finally {
  await publisher?.stop();
  rmSync(work, { recursive: true, force: true });
}
