// The supervisor of `npm start`: runs the console and the public portal as processes of their own,
// restarts either when it dies (a crash, an out-of-memory kill), with a growing delay while it keeps
// dying, and stops both on Ctrl-C or SIGTERM. Plain JavaScript: the launcher runs it before anything is built.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * @typedef {{ name: string, command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, firstDelayMs?: number }} Service
 * @typedef {{
 *   log?: (message: string) => void,
 *   firstDelayMs?: number,
 *   maxDelayMs?: number,
 *   healthyAfterMs?: number,
 *   giveUpAfter?: number,
 *   stopTimeoutMs?: number,
 *   stdio?: import('node:child_process').StdioOptions,
 *   onSpawn?: (name: string, child: import('node:child_process').ChildProcess) => void,
 * }} SuperviseOptions
 * @typedef {{
 *   pid: (name: string) => number | undefined,
 *   restarts: (name: string) => number,
 *   stop: (signal?: NodeJS.Signals) => Promise<void>,
 *   done: Promise<number>,
 * }} Supervisor
 */

/**
 * Starts every service and keeps it running. A service that ran at least `healthyAfterMs` is restarted
 * after `firstDelayMs` (its own, or the option); one that dies sooner waits twice as long as the last
 * time, up to `maxDelayMs`. A process killed by a signal (a crash, the kernel's out-of-memory killer)
 * is always restarted; one that exits with an error early `giveUpAfter` times in a row (a wrong
 * setting, a port in use) is not tried again: everything stops and `done` resolves with 1. `stop()`
 * ends them all (SIGKILL after `stopTimeoutMs`) and `done` resolves with 0.
 * @param {Service[]} services
 * @param {SuperviseOptions} [options]
 * @returns {Supervisor}
 */
export function supervise(services, options = {}) {
  const {
    log = (m) => console.log(`[epi] ${m}`),
    firstDelayMs = 1_000,
    maxDelayMs = 30_000,
    healthyAfterMs = 60_000,
    giveUpAfter = 5,
    stopTimeoutMs = 20_000,
    stdio = 'inherit',
    onSpawn = () => {},
  } = options;
  /** @type {Map<string, { child: import('node:child_process').ChildProcess | null, delay: number, early: number, restarts: number, timer: NodeJS.Timeout | null }>} */
  const state = new Map();
  let stopping = false;
  /** @type {(code: number) => void} */
  let finish = () => {};
  /** @type {Promise<number>} */
  const done = new Promise((resolve) => (finish = resolve));

  /** @param {Service} service */
  const run = (service) => {
    const s = state.get(service.name);
    if (!s) return;
    s.timer = null;
    const startedAt = Date.now();
    const child = spawn(service.command, service.args, { cwd: service.cwd, env: service.env, stdio });
    s.child = child;
    onSpawn(service.name, child);
    child.once('error', (error) => log(`${service.name}: ${error.message}`));
    child.once('exit', (code, signal) => {
      s.child = null;
      if (stopping) return maybeFinished();
      const ran = Date.now() - startedAt;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      if (ran >= healthyAfterMs) {
        s.delay = service.firstDelayMs ?? firstDelayMs;
        s.early = 0;
      } else if (signal === null) {
        s.early += 1;
        if (s.early >= giveUpAfter) {
          log(
            `${service.name} ${how}, ${s.early} times in a row within ${Math.round(healthyAfterMs / 1000)} s of starting: not restarting; stopping everything (see its messages above)`,
          );
          void stopAll('SIGTERM', 1);
          return;
        }
      }
      log(
        `${service.name} ${how} after ${(ran / 1000).toFixed(1)} s; restarting in ${s.delay < 1000 ? `${s.delay} ms` : `${(s.delay / 1000).toFixed(1)} s`}`,
      );
      s.restarts += 1;
      s.timer = setTimeout(() => run(service), s.delay);
      if (ran < healthyAfterMs) s.delay = Math.min(s.delay * 2, maxDelayMs);
    });
  };

  let exitCode = 0;
  const maybeFinished = () => {
    if (stopping && [...state.values()].every((s) => s.child === null)) finish(exitCode);
  };

  /** @param {NodeJS.Signals} signal @param {number} code */
  const stopAll = async (signal, code) => {
    if (stopping) return done.then(() => undefined);
    stopping = true;
    exitCode = code;
    const killers = [];
    for (const s of state.values()) {
      if (s.timer) clearTimeout(s.timer);
      s.timer = null;
      if (s.child) {
        const child = s.child;
        child.kill(signal);
        killers.push(setTimeout(() => child.kill('SIGKILL'), stopTimeoutMs));
      }
    }
    maybeFinished();
    await done;
    for (const k of killers) clearTimeout(k);
  };

  for (const service of services) {
    state.set(service.name, { child: null, delay: service.firstDelayMs ?? firstDelayMs, early: 0, restarts: 0, timer: null });
    run(service);
  }
  return {
    pid: (name) => state.get(name)?.child?.pid,
    restarts: (name) => state.get(name)?.restarts ?? 0,
    stop: (signal = 'SIGTERM') => stopAll(signal, 0),
    done,
  };
}

/**
 * The processes of the running system, as `npm start` runs them: the console (from its build) and the
 * public portal, on the environment given (the data folder, ports and the rest).
 * @param {string} root the checkout
 * @param {NodeJS.ProcessEnv} env
 * @returns {Service[]}
 */
export function systemServices(root, env) {
  return [
    { name: 'console', command: 'node', args: [join(root, 'apps', 'admin', 'build', 'index.js')], cwd: join(root, 'apps', 'admin'), env },
    // Residents wait while the portal is down: it is back at once (it starts in a fraction of a second).
    { name: 'portal', command: 'node', args: [join(root, 'packages', 'portal', 'src', 'main.ts')], cwd: root, env, firstDelayMs: 100 },
  ];
}
