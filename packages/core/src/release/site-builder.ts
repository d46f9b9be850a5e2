import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { BuildRequest, SiteBuilder } from './publisher.ts';

// The build of the public site, shared by the admin console and the command line.

/**
 * Builds the Astro public site in a child process, reading the given database snapshot.
 * `publicUrl` (EPI_PUBLIC_URL) is the site's address for absolute links.
 */
export function astroSiteBuilder(publicAppDir: string, publicUrl: string): SiteBuilder {
  const astro = join(publicAppDir, 'node_modules', 'astro', 'bin', 'astro.mjs');
  return (req: BuildRequest) =>
    new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [astro, 'build', '--silent'], {
        cwd: publicAppDir,
        env: {
          ...process.env,
          EPI_DATABASE_URL: `sqlite:${req.databasePath}`,
          EPI_PUBLIC_OUT_DIR: req.outDir,
          EPI_SITE_BUILT_AT: req.builtAt.toISOString(),
          EPI_PUBLIC_SITE_URL: publicUrl,
          ASTRO_TELEMETRY_DISABLED: '1',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        signal: req.signal,
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
        else reject(Object.assign(new Error(`site build exited with ${signal ?? code}`), { output }));
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
