import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { astroSiteBuilder, moveTree } from './site-builder.ts';

// `astro build` stood in for by a script that logs when it runs and writes the page it was asked for.
const STAND_IN = `
import { appendFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const log = process.env.EPI_TEST_LOG;
appendFileSync(log, 'start ' + process.env.EPI_SITE_BUILT_AT + '\\n');
if (process.env.EPI_SEARCH_INDEX !== 'after') throw new Error('the search index is written after the build, by its own process');
await new Promise((r) => setTimeout(r, 300));
// Like Astro, it finds its output folder empty (or absent) and makes it.
if (existsSync(join(process.env.EPI_PUBLIC_OUT_DIR, 'stale.html'))) throw new Error('the output folder was not cleaned');
mkdirSync(process.env.EPI_PUBLIC_OUT_DIR, { recursive: true });
writeFileSync(join(process.env.EPI_PUBLIC_OUT_DIR, 'index.html'), process.env.EPI_DATABASE_URL + ' ' + process.env.EPI_PUBLIC_SITE_URL);
appendFileSync(log, 'end ' + process.env.EPI_SITE_BUILT_AT + '\\n');
`;

// The search index's script, run once the build has ended: it finds the build's pages in the folder
// it is given, and Astro was told to leave the index to it.
const SEARCH_INDEX = `
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
const page = readFileSync(join(process.argv[2], 'index.html'), 'utf8');
mkdirSync(join(process.argv[2], 'pagefind'));
writeFileSync(join(process.argv[2], 'pagefind', 'pagefind.js'), 'index of ' + page.length + ' bytes');
appendFileSync(process.env.EPI_TEST_LOG, 'index\\n');
`;

describe('the Astro site builder', () => {
  let dir: string;
  let app: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'epi-site-builder-'));
    app = join(dir, 'public');
    mkdirSync(join(app, 'node_modules', 'astro', 'bin'), { recursive: true });
    writeFileSync(join(app, 'node_modules', 'astro', 'bin', 'astro.mjs'), STAND_IN);
    mkdirSync(join(app, 'scripts'));
    writeFileSync(join(app, 'scripts', 'search-index.ts'), SEARCH_INDEX);
    process.env.EPI_TEST_LOG = join(dir, 'log');
  });
  afterEach(() => {
    delete process.env.EPI_TEST_LOG;
    rmSync(dir, { recursive: true, force: true });
  });

  const request = (n: number) => {
    mkdirSync(join(dir, `out${n}`));
    return {
      databasePath: join(dir, `snap${n}.sqlite`),
      outDir: join(dir, `out${n}`),
      builtAt: new Date(Date.UTC(2021, 0, n)),
      signal: new AbortController().signal,
      blocked: [],
    };
  };

  it('runs one build of an app folder at a time (console and command line share its work files)', async () => {
    // Two builders, as two processes would have.
    await Promise.all([astroSiteBuilder(app, 'https://yq.example/')(request(1)), astroSiteBuilder(app, 'https://yq.example/')(request(2))]);
    const log = readFileSync(join(dir, 'log'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(' ')[0]);
    expect(log).toEqual(['start', 'end', 'index', 'start', 'end', 'index']);
    expect(readFileSync(join(dir, 'out2', 'index.html'), 'utf8')).toBe(`sqlite:${join(dir, 'snap2.sqlite')} https://yq.example/`);
    expect(existsSync(join(app, 'node_modules', '.epi-site-build.lock'))).toBe(false);
  });

  it('builds on the app’s own file system, cleaned first, and moves the result into the release', async () => {
    // What a build killed half-way left behind.
    mkdirSync(join(app, '.epi-site-out'), { recursive: true });
    writeFileSync(join(app, '.epi-site-out', 'stale.html'), 'old');
    await astroSiteBuilder(app, 'https://yq.example/')(request(4));
    expect(readFileSync(join(dir, 'out4', 'index.html'), 'utf8')).toContain('snap4.sqlite');
    // The search index, written over the built pages once the build had ended, moved with them.
    expect(readFileSync(join(dir, 'out4', 'pagefind', 'pagefind.js'), 'utf8')).toMatch(/^index of \d+ bytes$/);
    expect(existsSync(join(dir, 'out4', 'stale.html'))).toBe(false);
    expect(existsSync(join(app, '.epi-site-out'))).toBe(false);
  });

  it('copies the result when the release folder is on another file system (EXDEV)', () => {
    const from = join(dir, 'built');
    mkdirSync(join(from, 'zones'), { recursive: true });
    writeFileSync(join(from, 'index.html'), 'home');
    writeFileSync(join(from, 'zones', 'index.html'), 'zones');
    mkdirSync(join(dir, 'release'));
    const crossDevice = () => {
      throw Object.assign(new Error('cross-device link not permitted'), { code: 'EXDEV' });
    };
    moveTree(from, join(dir, 'release'), crossDevice);
    expect(readFileSync(join(dir, 'release', 'zones', 'index.html'), 'utf8')).toBe('zones');
    expect(existsSync(from)).toBe(false);
    // Any other failure is not hidden.
    mkdirSync(from);
    expect(() =>
      moveTree(from, join(dir, 'other'), () => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      }),
    ).toThrow('no space left');
  });

  it('ends the build when the process that started it is killed outright, so a restarted console builds alone', async () => {
    // A build that never ends on its own, and says who it is.
    writeFileSync(
      join(app, 'node_modules', 'astro', 'bin', 'astro.mjs'),
      `import { writeFileSync } from 'node:fs'; writeFileSync(process.env.EPI_TEST_LOG, String(process.pid)); setInterval(() => {}, 1000);`,
    );
    const builder = new URL('./site-builder.ts', import.meta.url).href;
    const parent = spawn(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { astroSiteBuilder } = await import(${JSON.stringify(builder)});
         await astroSiteBuilder(${JSON.stringify(app)}, 'https://yq.example/')({ databasePath: 'x', outDir: ${JSON.stringify(join(dir, 'out'))}, builtAt: new Date(), signal: new AbortController().signal, blocked: [] });`,
      ],
      { env: process.env, stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    while (!existsSync(join(dir, 'log')) || !readFileSync(join(dir, 'log'), 'utf8')) {
      if (Date.now() > deadline) throw new Error('the build did not start');
      await new Promise((r) => setTimeout(r, 50));
    }
    const build = Number(readFileSync(join(dir, 'log'), 'utf8'));
    const alive = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };
    try {
      expect(alive(build)).toBe(true);
      parent.kill('SIGKILL');
      const gone = Date.now() + 5_000;
      while (alive(build) && Date.now() < gone) await new Promise((r) => setTimeout(r, 50));
      expect(alive(build)).toBe(false);
    } finally {
      if (alive(build)) process.kill(build, 'SIGKILL'); // not left running when the test fails
    }
  });

  it('takes over the lock of a process that is gone', async () => {
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!;
    writeFileSync(join(app, 'node_modules', '.epi-site-build.lock'), String(gone));
    await astroSiteBuilder(app, 'https://yq.example/')(request(3));
    expect(readFileSync(join(dir, 'out3', 'index.html'), 'utf8')).toContain('snap3.sqlite');
  });
});
