import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BuildRequest, SiteBuilder } from './publisher.ts';

// The build of the public site, shared by the admin console and the command line.

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Runs fn while holding the build lock of an app folder. Astro keeps work files in the app folder
 * (`.astro/.prerender`), so two builds of it at once (console and command line) break each other;
 * the lock file names its holder's pid and is taken over when that process is gone.
 */
async function withBuildLock(appDir: string, signal: AbortSignal, fn: () => Promise<void>): Promise<void> {
  const lock = join(appDir, 'node_modules', '.epi-site-build.lock');
  mkdirSync(join(appDir, 'node_modules'), { recursive: true });
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: number;
    try {
      holder = Number(readFileSync(lock, 'utf8') || NaN);
    } catch {
      continue; // released meanwhile
    }
    if (Number.isInteger(holder) && !alive(holder)) {
      rmSync(lock, { force: true });
      continue;
    }
    if (signal.aborted) throw new Error('build aborted while waiting for another build of the site');
    await sleep(250);
  }
  try {
    await fn();
  } finally {
    rmSync(lock, { force: true });
  }
}

/**
 * Builds the Astro public site in a child process, reading the given database snapshot, one build
 * of the app folder at a time on this machine. `publicUrl` (EPI_PUBLIC_URL) is the site's address
 * for absolute links.
 */
export function astroSiteBuilder(publicAppDir: string, publicUrl: string): SiteBuilder {
  const astro = join(publicAppDir, 'node_modules', 'astro', 'bin', 'astro.mjs');
  // Astro moves its work files (`.astro/.prerender`) into the output with a rename, which fails across
  // file systems (EXDEV, a data folder on a mounted volume): it builds on the app's own file system,
  // into a folder cleaned first, and the result is moved (or copied) into the release.
  const local = join(publicAppDir, '.epi-site-out');
  return (req: BuildRequest) =>
    withBuildLock(publicAppDir, req.signal, async () => {
      rmSync(local, { recursive: true, force: true });
      try {
        await buildOnce(astro, publicAppDir, publicUrl, { ...req, outDir: local });
        moveTree(local, req.outDir);
      } finally {
        rmSync(local, { recursive: true, force: true });
      }
    });
}

/** Moves a folder to `to` (replacing an empty folder there): a rename, or a copy across file systems. */
export function moveTree(from: string, to: string, rename: (a: string, b: string) => void = renameSync): void {
  rmSync(to, { recursive: true, force: true });
  try {
    rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(from, to, { recursive: true });
    rmSync(from, { recursive: true, force: true });
  }
}

/** The preload that ends a build whose parent died (`node --import`). */
export const ORPHAN_GUARD = new URL('./orphan-guard.mjs', import.meta.url).href;

async function buildOnce(astro: string, publicAppDir: string, publicUrl: string, req: BuildRequest): Promise<void> {
  await runNode(publicAppDir, [astro, 'build', '--silent'], req.signal, 'site build', {
    EPI_DATABASE_URL: `sqlite:${req.databasePath}`,
    EPI_PUBLIC_OUT_DIR: req.outDir,
    EPI_SITE_BUILT_AT: req.builtAt.toISOString(),
    // Items set aside after an earlier build failed on them: left out of every page, list and file.
    EPI_BLOCKED_ITEMS: JSON.stringify(req.blocked),
    EPI_PUBLIC_SITE_URL: publicUrl,
    ASTRO_TELEMETRY_DISABLED: '1',
    // The search index is written once Astro's process has ended, by a process of its own: the
    // two never hold their memory at the same time.
    EPI_SEARCH_INDEX: 'after',
  });
  await runNode(publicAppDir, [join(publicAppDir, 'scripts', 'search-index.ts'), req.outDir], req.signal, 'search index', {});
}

/** Runs a Node script in `cwd` (ended if this process dies), failing with the end of its output. */
function runNode(cwd: string, args: string[], signal: AbortSignal, what: string, env: Record<string, string>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', ORPHAN_GUARD, ...args], {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
    });
    let output = '';
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error) => reject(Object.assign(error, { output })));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(Object.assign(new Error(`${what} exited with ${signal ?? code}`), { output }));
    });
  });
}

/** A fingerprint of the code that builds the site: a new version means the live release is stale. */
export function siteCodeVersion(dirs: string[]): string {
  const hash = createHash('sha256');
  const walk = (path: string) => {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
        walk(join(path, name));
      }
    } else if (!path.endsWith('.test.ts')) {
      hash.update(path).update(readFileSync(path));
    }
  };
  for (const dir of dirs) walk(dir);
  return hash.digest('hex').slice(0, 16);
}

/** The fingerprint of the public site's code: the Astro app and the packages it reads through. */
export function publicSiteCodeVersion(publicAppDir: string): string {
  return siteCodeVersion([publicAppDir, join(publicAppDir, '../../packages/core/src'), join(publicAppDir, '../../packages/api/src')]);
}
