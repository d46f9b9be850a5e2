// `npm run crash-test`: the running system, killed for real. The console and the portal run under
// the supervisor of `npm start` on a fresh demo data folder. Each round publishes a press conference
// from the command line (acknowledged means recorded), waits until the console is building the
// release that takes it live, then SIGKILLs the console at a random point of that build; every other
// round the portal is SIGKILLed too. It then waits for the conference's public page. Meanwhile the
// public home page is asked for every 100 ms. Prints each round, the totals, and a last line of
// JSON: {"rounds","consoleKills","portalKills","changesLost","recoveryMsMedian","recoveryMsMax",
// "publicRequests","publicFailures","publicLongestOutageMs"}. Exit code 1 when a change was lost.
//
// Settings: EPI_CRASH_ROUNDS (default 4), EPI_CRASH_ADMIN_PORT / EPI_CRASH_PUBLIC_PORT (3600 / 4600),
// EPI_CRASH_SEED (the random kill points, default: the time); EPI_CRASH_REPORT (a file for the
// totals of `npm test`).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { supervise, systemServices } from './supervise.mjs';

/**
 * @param {string} root the checkout (built)
 * @param {NodeJS.ProcessEnv} baseEnv the runtime's environment (PATH with Node ≥ 22.18)
 * @returns {Promise<number>} the exit code
 */
export async function crashTest(root, baseEnv) {
  const rounds = Number(baseEnv.EPI_CRASH_ROUNDS ?? '4');
  const adminPort = Number(baseEnv.EPI_CRASH_ADMIN_PORT ?? '3600');
  const publicPort = Number(baseEnv.EPI_CRASH_PUBLIC_PORT ?? '4600');
  let seed = Number(baseEnv.EPI_CRASH_SEED ?? Date.now() % 1_000_000);
  const firstSeed = seed;
  /** A small deterministic generator (mulberry32): the same seed, the same kill points. */
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'epi-crash-'));
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
  /** @param {string} m */
  const say = (m) => console.log(`[crash-test] ${m}`);
  const publicUrl = `http://localhost:${publicPort}`;

  let consoleOutput = '';
  const supervisor = supervise(systemServices(root, env), {
    log: (m) => say(`supervisor: ${m}`),
    stdio: ['ignore', 'pipe', 'pipe'],
    onSpawn: (name, child) => {
      child.stderr?.setEncoding('utf8').on('data', (c) => process.stderr.write(c));
      child.stdout?.setEncoding('utf8').on('data', (c) => {
        if (name === 'console') consoleOutput += c;
      });
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
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  /** Publishes conference number 100 + n from the command line, as an operator's script would. Its public page, and where the console's output stood. */
  /** @param {number} n @returns {{ path: string, before: number }} */
  const publish = (n) => {
    const file = join(dataDir, `conference-${n}.json`);
    writeFileSync(
      file,
      JSON.stringify({
        level: 'provincial',
        issuer: '河北省人民政府新闻办公室',
        number: 100 + n,
        heldOn: '2021-01-20',
        title: `河北省新冠肺炎疫情防控工作第${100 + n}场新闻发布会`,
        summary: `崩溃测试第${n}轮：发布后进程被强行终止，重启后须上线。`,
        people: [{ role: 'speaker', name: '测试', title: '发言人' }],
      }),
    );
    const before = consoleOutput.length;
    const cli = spawnSync(
      'node',
      [join(root, 'packages', 'cli', 'src', 'main.ts'), 'conferences', 'publish', file, '--user', 'press', '--json'],
      {
        env,
        encoding: 'utf8',
      },
    );
    if (cli.status !== 0) throw new Error(`conference ${100 + n}: the command line failed:\n${cli.stderr}`);
    return { path: JSON.parse(cli.stdout).path, before };
  };

  /** @type {{ rounds: number, consoleKills: number, portalKills: number, changesLost: number, recovery: number[], requests: number, failures: number, longestOutage: number }} */
  const result = { rounds: 0, consoleKills: 0, portalKills: 0, changesLost: 0, recovery: [], requests: 0, failures: 0, longestOutage: 0 };
  let polling = true;
  let poller = Promise.resolve();
  try {
    say(`data folder ${dataDir}; seed ${firstSeed}; starting the system`);
    const t0 = Date.now();
    await waitFor('the console', async () => (await status(`http://localhost:${adminPort}/login`)) === 200, 300_000);
    await waitFor('the portal', async () => (await status(`${publicUrl}/`)) === 200, 30_000);
    say(`up in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    // A first change without a kill: it must go live on its own, and it says how long a build takes here.
    const warmUp = publish(0);
    await waitFor('the build of the first change', async () => /: building \(/.test(consoleOutput.slice(warmUp.before)), 60_000);
    const buildStarted = Date.now();
    await waitFor('the first change to go live', async () => /: live$/m.test(consoleOutput.slice(warmUp.before)), 240_000);
    const buildMs = Date.now() - buildStarted;
    await waitFor(`${warmUp.path} on the public site`, async () => (await status(`${publicUrl}${warmUp.path}`)) === 200, 10_000);
    say(`a change without a kill: built and live in ${(buildMs / 1000).toFixed(1)} s`);

    // The home page, every 100 ms, from now to the end.
    poller = (async () => {
      /** @type {number | null} */
      let downSince = null;
      while (polling) {
        const ok = (await status(`${publicUrl}/`)) === 200;
        result.requests += 1;
        if (!ok) {
          result.failures += 1;
          downSince ??= Date.now();
        } else if (downSince !== null) {
          result.longestOutage = Math.max(result.longestOutage, Date.now() - downSince);
          downSince = null;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    /** @type {string[]} */
    const published = [];
    for (let round = 1; round <= rounds; round += 1) {
      const { path, before } = publish(round);
      published.push(path);
      // The console picks the change up within 15 s and builds; it is killed somewhere in that build.
      await waitFor('the build of the change', async () => /: building \(/.test(consoleOutput.slice(before)), 60_000);
      const delay = Math.round(random() * buildMs);
      await new Promise((r) => setTimeout(r, delay));
      const consolePid = supervisor.pid('console');
      const killedAt = Date.now();
      if (consolePid) {
        process.kill(consolePid, 'SIGKILL');
        result.consoleKills += 1;
      }
      const killPortal = round % 2 === 0;
      const portalPid = supervisor.pid('portal');
      if (killPortal && portalPid) {
        process.kill(portalPid, 'SIGKILL');
        result.portalKills += 1;
      }
      try {
        await waitFor(`${path} on the public site`, async () => (await status(`${publicUrl}${path}`)) === 200, 240_000);
        const ms = Date.now() - killedAt;
        result.recovery.push(ms);
        say(
          `round ${round}: console killed ${(delay / 1000).toFixed(1)} s into the build${killPortal ? ', portal too' : ''}; ${path} live ${(ms / 1000).toFixed(1)} s later`,
        );
      } catch (error) {
        result.changesLost += 1;
        say(`round ${round}: LOST — ${/** @type {Error} */ (error).message}`);
      }
      result.rounds += 1;
    }
    // Every change of every round is still there at the end.
    for (const path of published) {
      if ((await status(`${publicUrl}${path}`)) !== 200) {
        result.changesLost += 1;
        say(`at the end, ${path} is not on the public site`);
      }
    }
  } finally {
    polling = false;
    await poller;
    await supervisor.stop();
    if (!baseEnv.EPI_CRASH_KEEP) rmSync(dataDir, { recursive: true, force: true });
  }

  const sorted = [...result.recovery].sort((a, b) => a - b);
  const summary = {
    rounds: result.rounds,
    consoleKills: result.consoleKills,
    portalKills: result.portalKills,
    changesLost: result.changesLost,
    recoveryMsMedian: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : null,
    recoveryMsMax: sorted.length ? sorted[sorted.length - 1] : null,
    publicRequests: result.requests,
    publicFailures: result.failures,
    publicLongestOutageMs: result.longestOutage,
  };
  say(
    `${summary.rounds} rounds, ${summary.consoleKills} console and ${summary.portalKills} portal kills: ${summary.changesLost} changes lost; ` +
      `back on the site in ${summary.recoveryMsMedian} ms (median), ${summary.recoveryMsMax} ms (max); ` +
      `public home page: ${summary.publicFailures} of ${summary.publicRequests} requests failed, longest outage ${summary.publicLongestOutageMs} ms`,
  );
  console.log(JSON.stringify(summary));
  const passed = summary.changesLost === 0 && summary.rounds === rounds;
  // Counted with the other tests' reports by `npm test`: one check, no change lost.
  if (baseEnv.EPI_CRASH_REPORT) {
    writeFileSync(baseEnv.EPI_CRASH_REPORT, JSON.stringify({ numPassedTests: passed ? 1 : 0, numFailedTests: passed ? 0 : 1, summary }));
  }
  return passed ? 0 : 1;
}
