// Every text file of a release is also written compressed, brotli and gzip, beside itself
// (`index.html.br`, `index.html.gz`): the server sends what the browser accepts without compressing
// on each request, and any static host or CDN can do the same.
//
// Compression is most of a release's work at city scale (hundreds of MB of pages), so:
// - a file unchanged since the previous release takes that release's compressed copies (linked, or
//   copied where links are not possible) instead of being compressed again;
// - brotli runs at its best quality (11) for the hashed build assets, which never change under their
//   name, and at quality 6 for pages and data (some 15% larger, about sixty times faster).
import { copyFileSync, linkSync, lstatSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt', '.csv', '.webmanifest', '.map']);
/** Below this, compression saves less than the request costs. */
const MIN_BYTES = 1024;
/** Hashed build assets: compressed once, at the best quality. */
const ASSETS = '_astro/';

export interface Precompressed {
  /** Text files with compressed copies. */
  files: number;
  bytes: number;
  brotliBytes: number;
  /** Of them, how many took the previous release's copies. */
  reused: number;
}

/** Links `from` to `to`, or copies it where links are not possible. */
function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/**
 * The previous release's compressed copies of `path`, when its file there has the same bytes: the
 * same file already (linked by shareUnchangedFiles, no reading), or equal bytes.
 */
function previousCopies(previous: string | undefined, path: string, rel: string, bytes: Buffer): { br: string; gz: string } | null {
  if (!previous) return null;
  const theirs = join(previous, rel);
  const stat = lstatSync(theirs, { throwIfNoEntry: false });
  if (!stat?.isFile() || stat.size !== bytes.length) return null;
  const br = `${theirs}.br`;
  const gz = `${theirs}.gz`;
  if (!lstatSync(br, { throwIfNoEntry: false })?.isFile() || !lstatSync(gz, { throwIfNoEntry: false })?.isFile()) return null;
  return stat.ino === lstatSync(path).ino || readFileSync(theirs).equals(bytes) ? { br, gz } : null;
}

/**
 * Writes `.br` and `.gz` beside each text file of `dir` worth compressing, taking them from
 * `previous` (the live release) for files it has unchanged; how many files and bytes before and
 * after (brotli).
 */
export function precompress(dir: string, previous?: string): Precompressed {
  const out: Precompressed = { files: 0, bytes: 0, brotliBytes: 0, reused: 0 };
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && TEXT.has(extname(entry.name).toLowerCase()) && statSync(path).size >= MIN_BYTES) {
        const rel = relative(dir, path);
        const bytes = readFileSync(path);
        const reuse = previousCopies(previous, path, rel, bytes);
        if (reuse) {
          linkOrCopy(reuse.br, `${path}.br`);
          linkOrCopy(reuse.gz, `${path}.gz`);
          out.reused += 1;
          out.brotliBytes += statSync(`${path}.br`).size;
        } else {
          const quality = rel.split('\\').join('/').startsWith(ASSETS) ? 11 : 6;
          const br = brotliCompressSync(bytes, {
            params: { [constants.BROTLI_PARAM_QUALITY]: quality, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
          });
          writeFileSync(`${path}.br`, br);
          writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
          out.brotliBytes += br.length;
        }
        out.files += 1;
        out.bytes += bytes.length;
      }
    }
  };
  walk(dir);
  return out;
}
