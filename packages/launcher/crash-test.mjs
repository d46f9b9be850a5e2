// `npm run crash-test`: the running system, killed for real. The console and the portal run under
// the supervisor of `npm start` on a fresh demo data folder. A press officer publishes press
// conferences through the console's API, one every few hundred milliseconds, while the console is
// SIGKILLed at random points — in the middle of those writes and of the builds they start — and
// restarted by the supervisor, EPI_CRASH_KILLS times (default 50); every fifth kill takes the portal
// too. Meanwhile the live release is checked every 100 ms: it must always be complete (its home and
// 404 pages, and every conference page that was live before). After the last kill it waits for the
// site to catch up, then checks that every acknowledged write (an answer 200 received) is in the
// database, on the site and in the audit log. It prints each kill, the totals, and last one line of
// JSON: {"kills","brokenReleases","lostWrites","auditGaps", and the figures behind them}. Exit code
// 1 unless all three are 0.
//
// Settings: EPI_CRASH_KILLS (50), EPI_CRASH_ADMIN_PORT / EPI_CRASH_PUBLIC_PORT (3600 / 4600),
// EPI_CRASH_SEED (the random kill points; default: the time), EPI_CRASH_KEEP=1 (keep the data folder),
// EPI_CRASH_REPORT (a file for the totals of `npm test`).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supervise, systemServices } from './supervise.mjs';

/**
 * @typedef {{ number: number, id: string, slug: string }} Ack
 * @param {string} root the checkout (built)
 * @param {NodeJS.ProcessEnv} baseEnv the runtime's environment (PATH with Node ≥ 22.18)
 * @returns {Promise<number>} the exit code
 */
export async function crashTest(root, baseEnv) {
  const kills = Number(baseEnv.EPI_CRASH_KILLS ?? '50');
  const adminPort = Number(baseEnv.EPI_CRASH_ADMIN_PORT ?? '3600');
  const publicPort = Number(baseEnv.EPI_CRASH_PUBLIC_PORT ?? '4600');
  const firstSeed = Number(baseEnv.EPI_CRASH_SEED ?? Date.now() % 1_000_000);
  let seed = firstSeed;
  /** A small deterministic generator (mulberry32): the same seed, the same kill points. */
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'epi-crash-'));
  const releasesDir = join(dataDir, 'releases');
  const env = {
    ...baseEnv,
    EPI_DEMO: '1',
    EPI_DEMO_DATA: 'seeds',
    EPI_DATA_DIR: dataDir,
    EPI_DATABASE_URL: `sqlite:${join(dataDir, 'epi.sqlite')}`,
    EPI_PUBLIC_APP_DIR: join(root, 'apps', 'public'),
    EPI_PUBLIC_PORT: String(publicPort),
    PORT: String(adminPort),
  };
  const adminUrl = `http://localhost:${adminPort}`;
  const publicUrl = `http://localhost:${publicPort}`;
  /** @param {string} m */
  const say = (m) => console.log(`[crash-test] ${m}`);
  /** @param {number} ms */
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // Restarted at once: the test is of what survives a kill, not of the supervisor's patience.
  const supervisor = supervise(systemServices(root, env), {
    log: (m) => say(`supervisor: ${m}`),
    firstDelayMs: 200,
    maxDelayMs: 1_000,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Their errors are shown; their log is read and dropped (a full pipe would stall them).
    onSpawn: (_name, child) => {
      child.stderr?.setEncoding('utf8').on('data', (c) => process.stderr.write(c));
      child.stdout?.resume();
    },
  });

  /** @param {string} url @returns {Promise<number>} */
  const status = async (url) => {
    try {
      return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status;
    } catch {
      return 0;
    }
  };
  /** @param {string} what @param {() => Promise<boolean>} check @param {number} timeoutMs */
  const waitFor = async (what, check, timeoutMs) => {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
      await sleep(100);
    }
  };
  const consoleReady = () => waitFor('the console', async () => (await status(`${adminUrl}/login`)) === 200, 300_000);

  /** The console's API as a signed-in user: a session cookie, the console's own origin. */
  const sessions = /** @type {Record<string, string>} */ ({});
  /** @param {string} who @param {string} password */
  const signIn = async (who, password) => {
    const r = await fetch(`${adminUrl}/api/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: adminUrl },
      body: JSON.stringify({ username: who, password }),
      signal: AbortSignal.timeout(10_000),
    });
    if (r.status !== 200) throw new Error(`sign-in of ${who}: ${r.status} ${await r.text()}`);
    sessions[who] = (r.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  };
  /** @param {string} who @param {string} path @param {unknown} input @param {'POST' | 'GET'} method */
  const call = async (who, path, input, method = 'POST') => {
    const url =
      method === 'GET' ? `${adminUrl}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `${adminUrl}/api/trpc/${path}`;
    return fetch(url, {
      method,
      headers: { 'content-type': 'application/json', origin: adminUrl, cookie: sessions[who] ?? '' },
      body: method === 'POST' ? JSON.stringify(input) : undefined,
      signal: AbortSignal.timeout(30_000),
    });
  };

  const result = {
    kills: 0,
    portalKills: 0,
    /** Releases seen incomplete while they were live. */
    broken: new Set(),
    /** @type {Ack[]} */
    acknowledged: [],
    unacknowledged: 0,
    checks: 0,
    requests: 0,
    failures: 0,
    longestOutage: 0,
  };
  /** Conference pages seen live: each must stay in every later release. */
  const seenLive = new Set();
  let running = true;
  const loops = [];
  try {
    say(`data folder ${dataDir}; seed ${firstSeed}; starting the system`);
    const t0 = Date.now();
    await consoleReady();
    await waitFor('the portal', async () => (await status(`${publicUrl}/`)) === 200, 30_000);
    say(`up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    await signIn('press', 'demo-press-2021');
    await signIn('admin', 'demo-admin-2021');

    let number = 1000;
    /** Publishes the next conference; true when the console acknowledged it. */
    const publishOne = async () => {
      number += 1;
      const input = {
        level: 'provincial',
        issuer: '河北省人民政府新闻办公室',
        number,
        heldOn: '2021-01-20',
        title: `河北省新冠肺炎疫情防控工作第${number}场新闻发布会`,
        summary: `崩溃测试：第${number}场，发布后进程可能被强行终止。`,
        people: [{ role: 'speaker', name: '测试', title: '发言人' }],
      };
      let response;
      try {
        response = await call('press', 'pressConference.publish', input);
      } catch (error) {
        if (/** @type {{ cause?: { code?: string } }} */ (error).cause?.code === 'ECONNREFUSED') {
          number -= 1; // the console is down: nothing was sent
          return false;
        }
        result.unacknowledged += 1; // the console died before it answered: the write may or may not be there
        return false;
      }
      if (response.status !== 200) {
        result.unacknowledged += 1;
        return false;
      }
      const data = /** @type {{ result: { data: { id: string, slug: string } } }} */ (await response.json()).result.data;
      result.acknowledged.push({ number, id: data.id, slug: data.slug });
      return true;
    };

    // A first write without a kill: it must go live on its own, and it says how long a build takes here.
    const t1 = Date.now();
    if (!(await publishOne())) throw new Error('the first write was not acknowledged');
    const first = result.acknowledged[0];
    await waitFor(
      'the first conference on the site',
      async () => (await status(`${publicUrl}/press-conferences/${first?.slug}/`)) === 200,
      240_000,
    );
    const buildMs = Date.now() - t1;
    say(`a write without a kill: on the site ${(buildMs / 1000).toFixed(1)} s later`);

    // The live release, every 100 ms: complete, and holding every conference page seen live before.
    loops.push(
      (async () => {
        while (running) {
          result.checks += 1;
          let id = null;
          try {
            id = readlinkSync(join(releasesDir, 'current'));
          } catch {
            // no release yet
          }
          if (id) {
            const dir = join(releasesDir, id);
            const complete = existsSync(join(dir, 'index.html')) && existsSync(join(dir, '404.html'));
            const missing = [...seenLive].filter((slug) => !existsSync(join(dir, 'press-conferences', slug, 'index.html')));
            if (!complete || missing.length > 0) {
              if (!result.broken.has(id))
                say(`BROKEN live release ${id}: ${complete ? `missing ${missing.join(', ')}` : 'no home or 404 page'}`);
              result.broken.add(id);
            }
            for (const a of result.acknowledged) {
              if (!seenLive.has(a.slug) && existsSync(join(dir, 'press-conferences', a.slug, 'index.html'))) seenLive.add(a.slug);
            }
          }
          await sleep(100);
        }
      })(),
    );
    // The public home page, every 100 ms.
    loops.push(
      (async () => {
        /** @type {number | null} */
        let downSince = null;
        while (running) {
          const ok = (await status(`${publicUrl}/`)) === 200;
          result.requests += 1;
          if (!ok) {
            result.failures += 1;
            downSince ??= Date.now();
          } else if (downSince !== null) {
            result.longestOutage = Math.max(result.longestOutage, Date.now() - downSince);
            downSince = null;
          }
          await sleep(100);
        }
      })(),
    );
    // The press officer's writes, one every 200–800 ms while the console is up.
    let writing = true;
    loops.push(
      (async () => {
        while (writing) {
          await publishOne();
          await sleep(200 + random() * 600);
        }
      })(),
    );

    for (let k = 1; k <= kills; k += 1) {
      await consoleReady();
      // Somewhere in the writes and the builds they start.
      const delay = Math.round(300 + random() * 1.5 * buildMs);
      await sleep(delay);
      const pid = supervisor.pid('console');
      if (!pid) continue;
      process.kill(pid, 'SIGKILL');
      result.kills += 1;
      let also = '';
      if (k % 5 === 0) {
        const portal = supervisor.pid('portal');
        if (portal) {
          process.kill(portal, 'SIGKILL');
          result.portalKills += 1;
          also = ', portal too';
        }
      }
      say(`kill ${k}/${kills}: console ${delay} ms after it was ready${also}; ${result.acknowledged.length} writes acknowledged so far`);
    }
    writing = false;
    await loops[2];

    // Everything acknowledged must reach the site.
    await consoleReady();
    say(`${result.acknowledged.length} writes acknowledged, ${result.unacknowledged} cut off by a kill; waiting for the site to catch up`);
    const onSite = async () => {
      for (const a of result.acknowledged) if ((await status(`${publicUrl}/press-conferences/${a.slug}/`)) !== 200) return false;
      return true;
    };
    try {
      await waitFor('every acknowledged conference on the site', onSite, 300_000);
    } catch (error) {
      say(/** @type {Error} */ (error).message);
    }
  } finally {
    running = false;
    await Promise.allSettled(loops);
  }

  // What the database holds, as the command line lists it; what the audit log says, as an admin sees it.
  const listed = spawnSync('node', [join(root, 'packages', 'cli', 'src', 'main.ts'), 'conferences', 'list', '--json'], {
    env,
    encoding: 'utf8',
  });
  const inDb = new Set(listed.status === 0 ? JSON.parse(listed.stdout).map((/** @type {{ id: string }} */ c) => c.id) : []);
  const audit = await call('admin', 'audit.list', { entityType: 'press_conference', limit: 1000 }, 'GET');
  /** @type {{ action: string, entityId: string }[]} */
  const entries =
    audit.status === 200
      ? /** @type {{ result: { data: { action: string, entityId: string }[] } }} */ (await audit.json()).result.data
      : [];
  const audited = new Set(entries.filter((e) => e.action.endsWith('.publish')).map((e) => e.entityId));
  // Beyond the latest thousand entries, each is looked up on its own.
  for (const a of result.acknowledged) {
    if (audited.has(a.id)) continue;
    const one = await call('admin', 'audit.list', { entityType: 'press_conference', entityId: a.id }, 'GET');
    if (one.status !== 200) continue;
    const found = /** @type {{ result: { data: { action: string }[] } }} */ (await one.json()).result.data;
    if (found.some((e) => e.action.endsWith('.publish'))) audited.add(a.id);
  }
  let lostWrites = 0;
  let auditGaps = 0;
  for (const a of result.acknowledged) {
    const onSite = (await status(`${publicUrl}/press-conferences/${a.slug}/`)) === 200;
    if (!inDb.has(a.id) || !onSite) {
      lostWrites += 1;
      say(`LOST: conference ${a.number} (${a.id})${inDb.has(a.id) ? '' : ' not in the database'}${onSite ? '' : ' not on the site'}`);
    }
    if (!audited.has(a.id)) {
      auditGaps += 1;
      say(`AUDIT GAP: conference ${a.number} (${a.id}) has no audit entry`);
    }
  }
  if (audit.status !== 200) say(`the audit log could not be read: ${audit.status}`);
  await supervisor.stop();
  if (!baseEnv.EPI_CRASH_KEEP) rmSync(dataDir, { recursive: true, force: true });

  const summary = {
    kills: result.kills,
    brokenReleases: result.broken.size,
    lostWrites,
    auditGaps,
    portalKills: result.portalKills,
    writesAcknowledged: result.acknowledged.length,
    writesCutOff: result.unacknowledged,
    releaseChecks: result.checks,
    publicRequests: result.requests,
    publicFailures: result.failures,
    publicLongestOutageMs: result.longestOutage,
  };
  say(
    `${summary.kills} console kills (${summary.portalKills} with the portal): ${summary.brokenReleases} broken releases in ${summary.releaseChecks} checks, ` +
      `${summary.lostWrites} lost of ${summary.writesAcknowledged} acknowledged writes (${summary.writesCutOff} cut off unanswered), ${summary.auditGaps} audit gaps; ` +
      `public home page: ${summary.publicFailures} of ${summary.publicRequests} requests failed, longest outage ${summary.publicLongestOutageMs} ms`,
  );
  const passed =
    summary.kills === kills && summary.brokenReleases === 0 && summary.lostWrites === 0 && summary.auditGaps === 0 && audit.status === 200;
  // Counted with the other tests' reports by `npm test`: one check.
  if (baseEnv.EPI_CRASH_REPORT) {
    writeFileSync(baseEnv.EPI_CRASH_REPORT, JSON.stringify({ numPassedTests: passed ? 1 : 0, numFailedTests: passed ? 0 : 1, summary }));
  }
  console.log(JSON.stringify(summary));
  return passed ? 0 : 1;
}
