import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const MAIN = join(import.meta.dirname, 'main.ts');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function runPortal(env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
  const exited = new Promise<number | null>((done) => child.once('close', (code) => done(code)));
  return { child, exited, output: () => output };
}

describe('the portal process', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'epi-portal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serves the live release of the data folder, without the console or the database, and stops on SIGTERM', async () => {
    const release = join(dir, 'releases', 'r1');
    mkdirSync(release, { recursive: true });
    writeFileSync(join(release, 'index.html'), '<!doctype html><title>石家庄市疫情信息发布</title>');
    symlinkSync('r1', join(dir, 'releases', 'current'));
    const port = await freePort();
    const portal = runPortal({ EPI_DATA_DIR: dir, EPI_PUBLIC_HOST: '127.0.0.1', EPI_PUBLIC_PORT: String(port) });
    const deadline = Date.now() + 10_000;
    let body = '';
    while (!body) {
      body = await fetch(`http://127.0.0.1:${port}/`)
        .then((r) => r.text())
        .catch(() => '');
      if (!body && Date.now() > deadline) throw new Error(`the portal did not answer:\n${portal.output()}`);
      if (!body) await new Promise((r) => setTimeout(r, 50));
    }
    expect(body).toContain('石家庄市疫情信息发布');
    portal.child.kill('SIGTERM');
    expect(await portal.exited).toBe(0);
    // Read once it has exited: its output is all there then.
    expect(portal.output()).toContain(`[portal] serving ${join(dir, 'releases', 'current')}`);
  });

  it('refuses a wrong port setting with a message naming it', async () => {
    const portal = runPortal({ EPI_DATA_DIR: dir, EPI_PUBLIC_PORT: 'http' });
    expect(await portal.exited).toBe(2);
    expect(portal.output()).toContain('EPI_PUBLIC_PORT: expected a port number (1–65535), got "http"');
  });
});
