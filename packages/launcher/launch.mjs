#!/usr/bin/env node
// Entry point of `npm start`, `npm test` and `npm run epi` (the operator command line).
// Runs on any Node >= 20 with npm alone: it provides Node 24 and pnpm in a project-local folder
// when the system lacks them, installs dependencies when the lockfile changed, then runs the task.
// Plain JavaScript on purpose: it must run before anything else is installed.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crashTest } from './crash-test.mjs';
import { supervise, systemServices } from './supervise.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TOOLS = join(ROOT, '.tools');
const NODE_VERSION = '24.21.0';
const PNPM_VERSION = '11.28.11';
// 22.18: TypeScript runs unflagged (the command line and scripts are .ts run by Node itself).
const MIN_NODE = [22, 18];

// The command line's standard output is its result (JSON for scripts): the launcher's own messages,
// and the output of what it installs, go to standard error then.
const QUIET_STDOUT = process.argv[2] === 'epi';
const say = (m) => (QUIET_STDOUT ? console.error : console.log)(`[epi] ${m}`);
const fail = (m) => {
  console.error(`[epi] ${m}`);
  process.exit(1);
};

function versionOk(version) {
  const [maj, min] = version.replace(/^v/, '').split('.').map(Number);
  return maj > MIN_NODE[0] || (maj === MIN_NODE[0] && min >= MIN_NODE[1]);
}

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: QUIET_STDOUT ? ['inherit', 2, 'inherit'] : 'inherit', cwd: ROOT, ...opts });
  if (r.error) fail(`${cmd} ${args.join(' ')}: ${r.error.message}`);
  return r.status ?? 1;
}

/** Node >= 22.18 and pnpm, from the system or from .tools/. Returns the environment to run with. */
function ensureRuntime() {
  const localNode = join(TOOLS, 'bin', 'node');
  const localPnpm = join(TOOLS, 'bin', 'pnpm');
  const systemOk = versionOk(process.version);
  const localNodeOk = existsSync(localNode) && versionOk(spawnSync(localNode, ['--version'], { encoding: 'utf8' }).stdout?.trim() ?? '');
  const want = [];
  if (!systemOk && !localNodeOk) want.push(`node@${NODE_VERSION}`);
  if (!existsSync(localPnpm)) want.push(`pnpm@${PNPM_VERSION}`);
  if (want.length > 0) {
    say(`installing ${want.join(' and ')} into .tools/ (system Node is ${process.version})`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const status = run(npm, ['install', '-g', '--prefix', TOOLS, '--no-audit', '--no-fund', '--loglevel=error', ...want]);
    if (status !== 0) fail('could not install the runtime from the npm registry');
  }
  const env = { ...process.env, PATH: `${join(TOOLS, 'bin')}:${process.env.PATH ?? ''}` };
  if (systemOk && !want.some((w) => w.startsWith('node@')) && !localNodeOk) {
    // System Node is recent enough: keep it first on PATH, pnpm still comes from .tools/.
    env.PATH = `${dirname(process.execPath)}:${env.PATH}`;
  }
  env.TURBO_TELEMETRY_DISABLED = '1';
  env.ASTRO_TELEMETRY_DISABLED = '1';
  env.DO_NOT_TRACK = '1';
  return env;
}

function hashFile(path) {
  return existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : '';
}

/** `pnpm install` only when the lockfile or the manifests changed since the last install. */
function ensureDependencies(env) {
  const stamp = join(ROOT, 'node_modules', '.epi-install-stamp');
  const manifests = ['package.json', 'pnpm-lock.yaml', 'pnpm-workspace.yaml'];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(ROOT, group))) manifests.push(join(group, name, 'package.json'));
  }
  const want = createHash('sha256')
    .update(manifests.map((m) => hashFile(join(ROOT, m))).join('\n'))
    .update(process.platform + process.arch)
    .digest('hex');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === want) return;
  say('installing dependencies (pnpm install)');
  const status = run('pnpm', ['install', '--frozen-lockfile', '--reporter=append-only'], { env });
  if (status !== 0) fail('pnpm install failed');
  writeFileSync(stamp, want);
}

function baseSystemEnv(env) {
  const dataDir = env.EPI_DATA_DIR ? resolve(env.EPI_DATA_DIR) : join(ROOT, '.data');
  return {
    ...env,
    EPI_DATA_DIR: dataDir,
    EPI_DATABASE_URL: env.EPI_DATABASE_URL ?? `sqlite:${join(dataDir, 'epi.sqlite')}`,
    EPI_PUBLIC_APP_DIR: join(ROOT, 'apps', 'public'),
    EPI_PUBLIC_PORT: env.EPI_PUBLIC_PORT ?? '4321',
    PORT: env.EPI_ADMIN_PORT ?? '3000',
    // Request bodies up to 8 MB: a 5 MB spreadsheet travels base64-encoded to the zone import.
    BODY_SIZE_LIMIT: env.BODY_SIZE_LIMIT ?? '8M',
  };
}

function buildAdmin(env) {
  const status = run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=@epi/admin', '--output-logs=errors-only'], { env });
  if (status !== 0) fail('building the admin console failed');
}

/** The console and the public portal, each its own process, under the supervisor (supervise.mjs). */
function start(env) {
  buildAdmin(env);
  const systemEnv = baseSystemEnv({ ...env, EPI_DEMO: env.EPI_DEMO ?? '1' });
  mkdirSync(systemEnv.EPI_DATA_DIR, { recursive: true });
  say('starting the admin console (database, publisher) and the public portal, each in its own process…');
  const supervisor = supervise(systemServices(ROOT, systemEnv));
  // Ctrl-C reaches the whole process group; each server shuts down cleanly on its own, and is not restarted.
  process.on('SIGINT', () => void supervisor.stop('SIGINT'));
  process.on('SIGTERM', () => void supervisor.stop('SIGTERM'));
  void supervisor.done.then((code) => process.exit(code));
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return;
  say("installing Debian's chromium for the browser tests");
  const sudo = process.getuid && process.getuid() !== 0 ? ['sudo'] : [];
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const cmd = (args) => (sudo.length ? run('sudo', args, { env: aptEnv }) : run(args[0], args.slice(1), { env: aptEnv }));
  if (cmd(['apt-get', 'update', '-qq']) !== 0 || cmd(['apt-get', 'install', '-y', '-qq', 'chromium']) !== 0) {
    fail('could not install chromium with apt-get');
  }
}

/** Reads the JSON reports written by Vitest and Playwright and prints one line of totals. */
function totals() {
  const t = { passed: 0, failed: 0, skipped: 0 };
  const reports = [];
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(ROOT, group))) {
      for (const file of ['test-report.json', 'e2e-report.json', 'crash-report.json']) {
        const path = join(ROOT, group, name, file);
        if (existsSync(path)) reports.push(path);
      }
    }
  }
  for (const path of reports) {
    const r = JSON.parse(readFileSync(path, 'utf8'));
    if ('numPassedTests' in r) {
      t.passed += r.numPassedTests;
      t.failed += r.numFailedTests;
      t.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    } else if (r.stats) {
      t.passed += r.stats.expected + (r.stats.flaky ?? 0);
      t.failed += r.stats.unexpected;
      t.skipped += r.stats.skipped;
    }
  }
  return t;
}

function test(env) {
  ensureChromium();
  for (const group of ['apps', 'packages']) {
    for (const name of readdirSync(join(ROOT, group))) {
      for (const file of ['test-report.json', 'e2e-report.json', 'crash-report.json'])
        rmSync(join(ROOT, group, name, file), { force: true });
    }
  }
  const steps = [
    ['lint and format check', ['run', 'lint']],
    ['typecheck, unit and integration tests', ['exec', 'turbo', 'run', 'typecheck', 'test', '--output-logs=new-only']],
    ['browser tests', ['exec', 'turbo', 'run', 'test:e2e', '--filter=@epi/admin', '--output-logs=new-only']],
  ];
  let status = 0;
  for (const [label, args] of steps) {
    say(label);
    if (run('pnpm', args, { env }) !== 0) status = 1;
  }
  // The console and the portal killed outright while changes are published: none may be lost.
  say('crash test (3 kills; `npm run crash-test` makes 50)');
  const crashEnv = { ...env, EPI_CRASH_KILLS: '3', EPI_CRASH_REPORT: join(ROOT, 'packages', 'launcher', 'crash-report.json') };
  if (run('node', [join(ROOT, 'packages', 'launcher', 'launch.mjs'), 'crash-test'], { env: crashEnv }) !== 0) status = 1;
  const t = totals();
  if (status !== 0 && t.failed === 0) t.failed = 1; // a failing lint, typecheck or build counts
  console.log(`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  process.exit(status);
}

/**
 * The operator command line (packages/cli), run where npm was called from so relative paths mean
 * what the operator typed; its exit code is ours. Its defaults are those of baseSystemEnv.
 */
function epi(env, args) {
  const child = spawn('node', [join(ROOT, 'packages', 'cli', 'src', 'main.ts'), ...args], {
    cwd: process.env.INIT_CWD ?? process.cwd(),
    env,
    stdio: 'inherit',
  });
  // Ctrl-C reaches the whole process group: the command stops its own work (a build is recorded as interrupted).
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => child.kill('SIGTERM'));
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}

const [task, ...rest] = process.argv.slice(2);
const env = ensureRuntime();
ensureDependencies(env);
if (task === 'start') start(env);
else if (task === 'test') test(env);
else if (task === 'epi') epi(env, rest);
else if (task === 'crash-test') {
  buildAdmin(env);
  process.exit(await crashTest(ROOT, env));
} else if (task === 'bench') {
  // `bench`: the city of zones (apps/admin/scripts/bench.ts); `bench figures`: a year of reports (apps/public/scripts/bench-figures.ts).
  if (rest[0] === 'figures') process.exit(run('pnpm', ['--filter', '@epi/public', 'run', 'bench'], { env }));
  ensureChromium();
  process.exit(run('pnpm', ['--filter', '@epi/admin', 'run', 'bench'], { env }));
} else fail(`unknown task ${task}; use start, test, bench, crash-test or epi`);
