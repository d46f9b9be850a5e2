// Benchmark: a year of figures for every county-level unit — two half-day reports a day (0—12时,
// 12—24时) with a row per district, a testing round a month, an isolation snapshot a day, a few
// corrections — written straight into a fresh database, then the public site built from it with
// astro. Prints the build time, the weight of the figures dashboard (HTML raw and gzipped, and
// the CSS it loads) and of the other large pages, and the size of the whole site. Figures only;
// nothing asserts.
//   pnpm --filter @epi/public bench   (EPI_BENCH_DAYS=365 by default; EPI_BENCH_KEEP=1 keeps the database and site)
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ensureReferenceData, listDistricts, migrateToLatest, openDatabase, seededRandom, type Db } from '@epi/core/server';

const DAYS = Number(process.env.EPI_BENCH_DAYS ?? 365);
const START = Date.parse('2021-01-02T00:00:00+08:00');
const HALF_DAY = 12 * 3_600_000;
const DAY = 24 * 3_600_000;
const appDir = resolve(import.meta.dirname, '..');

// Deterministic noise, so that two runs build the same site.
const random = seededRandom(20210102);
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, width = 4) => String(n).padStart(width, '0');

/** Expected new cases in a half day: a sharp January wave, a smaller one in summer, one rising in December. */
const wave = (halfDay: number) => {
  const day = halfDay / 2;
  return 30 * Math.exp(-(((day - 14) / 8) ** 2)) + 6 * Math.exp(-(((day - 200) / 25) ** 2)) + 12 * Math.exp(-(((day - 350) / 15) ** 2));
};

async function generate(
  db: Db,
): Promise<{ reports: number; districtRows: number; rounds: number; snapshots: number; corrections: number }> {
  const districts = (await listDistricts(db)).map((d) => d.code);
  // Uneven weights: a few districts carry most cases, as 藁城区 did.
  const weights = districts.map((_, i) => 1 / (1 + i * 0.6));
  const totalWeight = weights.reduce((s, w) => s + w, 0);
  const cumulative = new Map(districts.map((c) => [c, { confirmed: 0, asymptomatic: 0 }]));
  let cumConfirmed = 0;
  let cumAsymptomatic = 0;
  let districtRows = 0;
  const reportIds: string[] = [];

  await db.transaction().execute(async (tx) => {
    for (let h = 0; h < DAYS * 2; h++) {
      const start = START + h * HALF_DAY;
      const end = start + HALF_DAY;
      const id = `bench-report-${pad(h, 5)}`;
      const rows = districts.map((code, i) => {
        const expected = (wave(h) * weights[i]!) / totalWeight;
        const newConfirmed = Math.max(0, Math.round(expected * (0.5 + random())));
        const newAsymptomatic = Math.max(0, Math.round(expected * 0.4 * (0.5 + random())));
        const c = cumulative.get(code)!;
        c.confirmed += newConfirmed;
        c.asymptomatic += newAsymptomatic;
        return { code, newConfirmed, newAsymptomatic, cumulativeConfirmed: c.confirmed, cumulativeAsymptomatic: c.asymptomatic };
      });
      const newConfirmed = rows.reduce((s, r) => s + r.newConfirmed, 0);
      const newAsymptomatic = rows.reduce((s, r) => s + r.newAsymptomatic, 0);
      cumConfirmed += newConfirmed;
      cumAsymptomatic += newAsymptomatic;
      await tx
        .insertInto('report')
        .values({
          id,
          period_start: iso(start),
          period_end: iso(end),
          new_confirmed: newConfirmed,
          new_asymptomatic: newAsymptomatic,
          reclassified_confirmed: null,
          new_discharged: Math.round(newConfirmed * 0.6),
          new_deaths: 0,
          cumulative_confirmed: cumConfirmed,
          cumulative_asymptomatic: cumAsymptomatic,
          under_treatment: null,
          under_observation: null,
          reconciliation_note: null,
          source: null,
          status: 'published',
          version: 1,
          created_at: iso(end + 3_600_000),
          created_by: null,
          published_at: iso(end + 2 * 3_600_000),
          published_by: null,
        })
        .execute();
      await tx
        .insertInto('report_district')
        .values(
          rows.map((r) => ({
            report_id: id,
            district_code: r.code,
            new_confirmed: r.newConfirmed,
            new_asymptomatic: r.newAsymptomatic,
            cumulative_confirmed: r.cumulativeConfirmed,
            cumulative_asymptomatic: r.cumulativeAsymptomatic,
          })),
        )
        .execute();
      districtRows += rows.length;
      reportIds.push(id);
    }

    // A testing round a month, with every district's row.
    const rounds = Math.max(1, Math.floor(DAYS / 30));
    for (let n = 1; n <= rounds; n++) {
      const started = START + (n - 1) * 30 * DAY + 2 * DAY;
      const id = `bench-round-${pad(n, 3)}`;
      const perDistrict = districts.map(() => ({ tested: Math.round(300_000 + random() * 500_000), positives: Math.round(random() * 20) }));
      await tx
        .insertInto('testing_round')
        .values({
          id,
          number: n,
          stage: 'final',
          as_of: iso(started + 2 * DAY),
          started_at: iso(started),
          completed_at: iso(started + 2 * DAY),
          collection_points: 6000 + Math.round(random() * 2000),
          people_sampled: null,
          people_sent: null,
          results_out: null,
          people_tested: perDistrict.reduce((s, d) => s + d.tested, 0),
          positives: perDistrict.reduce((s, d) => s + d.positives, 0),
          summary: null,
          status: 'published',
          version: 1,
          created_at: iso(started + 2 * DAY),
          created_by: null,
          published_at: iso(started + 2 * DAY + 3_600_000),
          published_by: null,
        })
        .execute();
      await tx
        .insertInto('testing_round_district')
        .values(
          districts.map((code, i) => ({
            round_id: id,
            district_code: code,
            people_tested: perDistrict[i]!.tested,
            positives: perDistrict[i]!.positives,
            no_spread: 0,
          })),
        )
        .execute();
    }

    // An isolation snapshot a day at 18:00, with every district's transfers.
    for (let d = 0; d < DAYS; d++) {
      const asOf = START + d * DAY + 18 * 3_600_000;
      const id = `bench-isolation-${pad(d)}`;
      const people = Math.round(2000 + 20_000 * Math.exp(-(((d - 16) / 12) ** 2)) + random() * 500);
      await tx
        .insertInto('isolation_snapshot')
        .values({
          id,
          as_of: iso(asOf),
          sites: Math.round(people / 150) + 20,
          rooms: Math.round(people * 1.3) + 1000,
          people,
          close_contacts: null,
          secondary_contacts: null,
          status: 'published',
          version: 1,
          created_at: iso(asOf + 3_600_000),
          created_by: null,
          published_at: iso(asOf + 3_600_000),
          published_by: null,
        })
        .execute();
      await tx
        .insertInto('isolation_transfer')
        .values(districts.map((code) => ({ snapshot_id: id, district_code: code, as_of: iso(asOf), people: Math.round(random() * 300) })))
        .execute();
    }

    // A few corrections: the stored value is the corrected one, the old one is in the record.
    const corrected = [3, 17, 40, 101, 250, 499].filter((i) => i < reportIds.length);
    for (const [k, i] of corrected.entries()) {
      const row = await tx
        .selectFrom('report')
        .select(['new_confirmed', 'published_at'])
        .where('id', '=', reportIds[i]!)
        .executeTakeFirstOrThrow();
      await tx
        .insertInto('correction')
        .values({
          id: `bench-correction-${pad(k, 2)}`,
          entity_type: 'report',
          entity_id: reportIds[i]!,
          field: 'newConfirmed',
          old_value: String((row.new_confirmed ?? 0) + 1),
          new_value: String(row.new_confirmed ?? 0),
          reason: '基准测试：核对后订正重复计入的1例',
          corrected_at: iso(Date.parse(row.published_at!) + DAY),
          corrected_by: null,
        })
        .execute();
    }
  });

  return {
    reports: DAYS * 2,
    districtRows,
    rounds: Math.max(1, Math.floor(DAYS / 30)),
    snapshots: DAYS,
    corrections: [3, 17, 40, 101, 250, 499].filter((i) => i < DAYS * 2).length,
  };
}

function build(databasePath: string, outDir: string, builtAt: string): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    const child = spawn(process.execPath, [join(appDir, 'node_modules/astro/bin/astro.mjs'), 'build'], {
      cwd: appDir,
      env: {
        ...process.env,
        EPI_DATABASE_URL: `sqlite:${databasePath}`,
        EPI_PUBLIC_OUT_DIR: outDir,
        EPI_SITE_BUILT_AT: builtAt,
        ASTRO_TELEMETRY_DISABLED: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    child.stdout.on('data', (b: Buffer) => (log += b.toString()));
    child.stderr.on('data', (b: Buffer) => (log += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveBuild() : reject(new Error(`astro build exited with ${code}:\n${log.slice(-4000)}`))));
  });
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const gz = (bytes: Buffer | string) => gzipSync(bytes, { level: 9 }).length;

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

/** A page's HTML and the stylesheets it links, raw and gzipped. */
function pageWeight(outDir: string, path: string) {
  const html = readFileSync(join(outDir, path, 'index.html'));
  const css = [...html.toString().matchAll(/<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => readFileSync(join(outDir, m[1]!)));
  return {
    html: html.length,
    htmlGz: gz(html),
    css: css.reduce((s, b) => s + b.length, 0),
    cssGz: css.reduce((s, b) => s + gz(b), 0),
    cssFiles: css.length,
  };
}

const work = mkdtempSync(join(tmpdir(), 'epi-bench-figures-'));
try {
  const databasePath = join(work, 'bench.sqlite');
  const db = openDatabase(`sqlite:${databasePath}`);
  await migrateToLatest(db);
  await ensureReferenceData(db);
  const t0 = performance.now();
  const made = await generate(db);
  const generateMs = Math.round(performance.now() - t0);
  await db.destroy();
  console.log(
    `Data: ${DAYS} days, ${made.reports} half-day reports with ${made.districtRows} district rows, ${made.rounds} testing rounds, ` +
      `${made.snapshots} isolation snapshots, ${made.corrections} corrections (written in ${generateMs} ms)`,
  );

  const outDir = join(work, 'site');
  const builtAt = iso(START + DAYS * DAY + 6 * 3_600_000);
  const t1 = performance.now();
  await build(databasePath, outDir, builtAt);
  console.log(`Public build time: ${Math.round(performance.now() - t1)} ms (astro build, including its start-up)`);

  const dashboard = pageWeight(outDir, 'figures');
  console.log(
    `/figures/ page: HTML ${kib(dashboard.html)} raw, ${kib(dashboard.htmlGz)} gzipped; ` +
      `CSS ${kib(dashboard.css)} raw, ${kib(dashboard.cssGz)} gzipped (${dashboard.cssFiles} file); ` +
      `total ${kib(dashboard.html + dashboard.css)} raw, ${kib(dashboard.htmlGz + dashboard.cssGz)} gzipped`,
  );
  const lastMonth = new Date(START + DAYS * DAY - 1 + 8 * 3_600_000).toISOString().slice(0, 7);
  for (const path of [
    '',
    'reports',
    `reports/${lastMonth}`,
    `figures/${lastMonth}`,
    'corrections',
    'data',
    'isolation',
    'districts/130109',
  ]) {
    try {
      const w = pageWeight(outDir, path);
      console.log(`/${path}${path ? '/' : ''} page: HTML ${kib(w.html)} raw, ${kib(w.htmlGz)} gzipped`);
    } catch {
      // a page the data does not produce
    }
  }
  const data = dirSize(join(outDir, 'data'));
  console.log(`Open data (/data/): ${data.files} files, ${(data.bytes / 1_048_576).toFixed(1)} MiB`);
  const site = dirSize(outDir);
  console.log(`Total site size: ${(site.bytes / 1_048_576).toFixed(1)} MiB in ${site.files} files`);
} finally {
  if (process.env.EPI_BENCH_KEEP === '1') console.log(`Kept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
