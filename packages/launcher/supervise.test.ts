import { describe, expect, it } from 'vitest';
import { supervise } from './supervise.mjs';

const node = (script: string) => ({ command: process.execPath, args: ['-e', script], cwd: import.meta.dirname, env: process.env });
/** A server that runs until it is told to stop. */
const server = (name: string) => ({ name, ...node('setInterval(() => {}, 1000); process.on("SIGTERM", () => process.exit(0));') });

async function until<T>(read: () => T | undefined, what: string): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('the supervisor of npm start', () => {
  it('restarts a process that is killed, as often as it is killed, leaves the other alone, and stops both when asked', async () => {
    const messages: string[] = [];
    const s = supervise([server('console'), { ...server('portal'), firstDelayMs: 10 }], {
      log: (m) => messages.push(m),
      firstDelayMs: 50,
      giveUpAfter: 2,
      stdio: 'ignore',
    });
    const portal = await until(() => s.pid('portal'), 'the portal');
    let pid = await until(() => s.pid('console'), 'the console');
    // Killed three times soon after starting: a crash, never a reason to give up (giveUpAfter counts failed exits).
    for (let kill = 1; kill <= 3; kill += 1) {
      const killed = pid;
      process.kill(killed, 'SIGKILL');
      pid = await until(() => {
        const now = s.pid('console');
        return now !== undefined && now !== killed ? now : undefined;
      }, 'the console to be restarted');
      expect(s.restarts('console')).toBe(kill);
    }
    expect(s.restarts('portal')).toBe(0);
    expect(s.pid('portal')).toBe(portal);
    expect(messages).toEqual([
      expect.stringMatching(/^console was killed \(SIGKILL\) after [\d.]+ s; restarting in 50 ms$/),
      expect.stringMatching(/^console was killed \(SIGKILL\) after [\d.]+ s; restarting in 100 ms$/),
      expect.stringMatching(/^console was killed \(SIGKILL\) after [\d.]+ s; restarting in 200 ms$/),
    ]);
    // Each service has its own first wait.
    process.kill(portal, 'SIGKILL');
    await until(() => (s.restarts('portal') === 1 ? true : undefined), 'the portal to be restarted');
    expect(messages.at(-1)).toMatch(/^portal was killed \(SIGKILL\) after [\d.]+ s; restarting in 10 ms$/);

    await s.stop();
    expect(await s.done).toBe(0);
    expect(s.pid('console')).toBeUndefined();
    expect(s.pid('portal')).toBeUndefined();
    // Stopped means stopped: nothing comes back.
    await new Promise((r) => setTimeout(r, 300));
    expect(s.pid('console')).toBeUndefined();
  });

  it('waits longer each time a process dies soon after starting, and gives up on one that keeps failing', async () => {
    const messages: string[] = [];
    const s = supervise([{ name: 'console', ...node('process.exit(3)') }, server('portal')], {
      log: (m) => messages.push(m),
      firstDelayMs: 20,
      giveUpAfter: 3,
      stdio: 'ignore',
    });
    expect(await s.done).toBe(1);
    expect(messages.slice(0, 2)).toEqual([
      expect.stringMatching(/^console exited with code 3 after [\d.]+ s; restarting in 20 ms$/),
      expect.stringMatching(/^console exited with code 3 after [\d.]+ s; restarting in 40 ms$/),
    ]);
    expect(messages[2]).toMatch(/^console exited with code 3, 3 times in a row within 60 s of starting: not restarting/);
    // The portal was stopped with it: nothing is left running.
    expect(s.pid('portal')).toBeUndefined();
  });
});
