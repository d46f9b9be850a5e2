import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';

// Each spec file gets a system of its own: the built console (`node build/index.js`) and the public
// portal's process, as `npm start` runs them, on its own data folder and database, with its own test clock,
// started from the demo state and stopped when the file is done. Nothing one file does is seen by another.

/** A running system: the console, the public portal, and what both printed. */
export interface System {
  readonly adminUrl: string;
  readonly publicUrl: string;
  /** Its data folder: the database is `epi.sqlite` in it. */
  readonly dataDir: string;
  /** The server's output since it started (attached to a failing test). */
  log(): string;
}

export interface Ports {
  admin: number;
  public: number;
}

const ADMIN_APP_DIR = resolve(import.meta.dirname, '..');
/** Where the systems of a run keep their data; emptied before and after each run (global-setup.ts). */
export const E2E_DATA_DIR = join(ADMIN_APP_DIR, '.e2e-data');
/** The first ports; worker n uses them + n (the suite runs one worker: see playwright.config.ts). */
const ADMIN_BASE_PORT = Number(process.env.EPI_E2E_ADMIN_PORT ?? '3300');
const PUBLIC_BASE_PORT = Number(process.env.EPI_E2E_PUBLIC_PORT ?? '4400');

export function portsFor(parallelIndex: number): Ports {
  return { admin: ADMIN_BASE_PORT + parallelIndex, public: PUBLIC_BASE_PORT + parallelIndex };
}

/** The server's own settings are set here alone, whatever the shell running the tests has exported. */
function serverEnv(dataDir: string, ports: Ports): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith('EPI_') && !['PORT', 'HOST', 'ORIGIN', 'SOCKET_PATH', 'BODY_SIZE_LIMIT'].includes(key)) env[key] = value;
  }
  return {
    ...env,
    EPI_DEMO: '1',
    // The seeds alone: the tests know this city by heart.
    EPI_DEMO_DATA: 'seeds',
    // Scheduled publication is tested by moving this system's clock forward instead of waiting.
    EPI_TEST_CLOCK: '1',
    EPI_DATA_DIR: dataDir,
    EPI_DATABASE_URL: `sqlite:${join(dataDir, 'epi.sqlite')}`,
    EPI_PUBLIC_APP_DIR: '../public',
    PORT: String(ports.admin),
    EPI_PUBLIC_PORT: String(ports.public),
    BODY_SIZE_LIMIT: '8M',
    ASTRO_TELEMETRY_DISABLED: '1',
    // Stopping between spec files should not wait for a browser's idle keep-alive connections.
    SHUTDOWN_TIMEOUT: '5',
  };
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, () => probe.close(() => done(true)));
  });
}

/** Waits for the ports a stopping system (of this worker's previous process) still holds; names them if they stay taken. */
async function waitForFreePorts(ports: Ports): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const busy: number[] = [];
    for (const port of [ports.admin, ports.public]) if (!(await portIsFree(port))) busy.push(port);
    if (busy.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`port ${busy.join(' and ')} is in use; move the browser tests with EPI_E2E_ADMIN_PORT / EPI_E2E_PUBLIC_PORT`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

const PORTAL_MAIN = resolve(ADMIN_APP_DIR, '../../packages/portal/src/main.ts');

/**
 * The two processes `npm start` runs: the console (`node build/index.js`) and the public portal
 * (its own static server of the live release). Ready once the console listens, which it does only
 * after the first release is live, and the portal answers.
 */
class ServerProcess implements System {
  readonly adminUrl: string;
  readonly publicUrl: string;
  readonly dataDir: string;
  private readonly console: ChildProcess;
  private readonly portal: ChildProcess;
  private readonly output: string[] = [];
  private readonly exited: Promise<void>;

  constructor(dataDir: string, ports: Ports) {
    this.adminUrl = `http://localhost:${ports.admin}`;
    this.publicUrl = `http://localhost:${ports.public}`;
    this.dataDir = dataDir;
    const env = serverEnv(dataDir, ports);
    this.console = this.spawn(['build/index.js'], env);
    this.portal = this.spawn([PORTAL_MAIN], env);
    this.exited = new Promise((done) => this.console.once('exit', () => done()));
  }

  private spawn(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
    const child = spawn(process.execPath, args, { cwd: ADMIN_APP_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => this.output.push(chunk));
    return child;
  }

  log(): string {
    return this.output.join('');
  }

  /** Resolves when the console listens and the portal serves the first release (checked, not assumed). */
  async ready(timeoutMs: number): Promise<void> {
    const listening = new Promise<void>((done) => {
      const check = () => {
        if (/^Listening on /m.test(this.log())) {
          this.console.stdout!.off('data', check);
          done();
        }
      };
      this.console.stdout!.on('data', check);
      check();
    });
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      listening.then(() => 'listening' as const),
      this.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((done) => (timer = setTimeout(() => done('timeout'), timeoutMs))),
    ]);
    clearTimeout(timer);
    if (outcome === 'exited') throw new Error(`the console exited with code ${this.console.exitCode} before it was ready:\n${this.log()}`);
    if (outcome === 'timeout') throw new Error(`the console was not ready within ${timeoutMs / 1000} s:\n${this.log()}`);
    for (const url of [`${this.adminUrl}/login`, `${this.publicUrl}/`]) {
      const status = await statusOf(url, 10_000);
      if (status !== 200) throw new Error(`${url} answered ${status} once the console was ready:\n${this.log()}`);
    }
  }

  /** Stops both as Ctrl-C does (a running build is abandoned cleanly); killed if they do not exit in time. */
  async stop(): Promise<void> {
    await Promise.all([this.console, this.portal].map(stopChild));
  }
}

/** The status a URL answers; a refused connection (a process still starting) is tried again until the deadline. */
async function statusOf(url: string, withinMs: number): Promise<number | string> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return (await fetch(url)).status;
    } catch (error) {
      if (Date.now() > deadline) return String(error);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(killer);
}

/**
 * The systems of one test worker. The first start builds the public site from the demo data (as a
 * fresh `npm start` does); that stopped system's data folder is kept as the demo state, and each
 * spec file starts from a copy of it at the same place, so the site need not be rebuilt per file.
 * The copy is exact: the release was built for these same ports, and the data folder keeps its path.
 * A worker restarted after a failure (same parallel index, same ports) reuses the demo state of the run.
 */
export class Systems {
  private readonly ports: Ports;
  private readonly root: string;
  private readonly dataDir: string;
  private readonly demoState: string;
  private current: { file: string; server: ServerProcess } | null = null;

  constructor(parallelIndex: number) {
    this.ports = portsFor(parallelIndex);
    this.root = join(E2E_DATA_DIR, `worker-${parallelIndex}`);
    this.dataDir = join(this.root, 'system');
    this.demoState = join(this.root, 'demo-state');
  }

  /** Starts a fresh demo system once and keeps its stopped data folder as the state every spec file starts from. */
  async prepare(): Promise<void> {
    if (existsSync(this.demoState)) return;
    rmSync(this.dataDir, { recursive: true, force: true });
    mkdirSync(this.root, { recursive: true });
    const server = await this.start();
    await server.stop();
    renameSync(this.dataDir, this.demoState);
  }

  /**
   * The system of a spec file: the one already running for it, or a new one from the demo state.
   * `timing` says how long stopping the previous file's system and starting this one took.
   */
  async forFile(file: string): Promise<{ system: System; timing: string | null }> {
    if (this.current?.file === file) return { system: this.current.server, timing: null };
    const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    const t0 = performance.now();
    const stopped = this.current ? "the previous file's system stopped in " : null;
    await this.stopCurrent();
    const t1 = performance.now();
    rmSync(this.dataDir, { recursive: true, force: true });
    cpSync(this.demoState, this.dataDir, { recursive: true, verbatimSymlinks: true });
    const server = await this.start();
    this.current = { file, server };
    const started = `started from the demo state in ${seconds(performance.now() - t1)}`;
    return { system: server, timing: stopped ? `${stopped}${seconds(t1 - t0)}, ${started}` : started };
  }

  /** Stops the running system and removes its data folder; the demo state stays for a restarted worker. */
  async stop(): Promise<void> {
    await this.stopCurrent();
  }

  private async start(): Promise<ServerProcess> {
    await waitForFreePorts(this.ports);
    const server = new ServerProcess(this.dataDir, this.ports);
    try {
      await server.ready(240_000);
    } catch (error) {
      // Not left running when the worker gives up on it.
      await server.stop();
      throw error;
    }
    return server;
  }

  private async stopCurrent(): Promise<void> {
    if (!this.current) return;
    await this.current.server.stop();
    this.current = null;
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
