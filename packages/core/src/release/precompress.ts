// Every text file of a release is also written compressed, brotli and gzip, beside itself
// (`index.html.br`, `index.html.gz`): the server sends what the browser accepts without compressing
// on each request, and any static host or CDN can do the same.
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = new Set(['.html', '.css', '.js', '.mjs', '.json', '.xml', '.svg', '.txt', '.csv', '.webmanifest', '.map']);
/** Below this, compression saves less than the request costs. */
const MIN_BYTES = 1024;

/** Writes `.br` and `.gz` beside each text file of `dir` worth compressing; how many files and bytes before and after (brotli). */
export function precompress(dir: string): { files: number; bytes: number; brotliBytes: number } {
  const out = { files: 0, bytes: 0, brotliBytes: 0 };
  const walk = (at: string) => {
    for (const entry of readdirSync(at, { withFileTypes: true })) {
      const path = join(at, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && TEXT.has(extname(entry.name).toLowerCase()) && statSync(path).size >= MIN_BYTES) {
        const bytes = readFileSync(path);
        const br = brotliCompressSync(bytes, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
        });
        writeFileSync(`${path}.br`, br);
        writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
        out.files += 1;
        out.bytes += bytes.length;
        out.brotliBytes += br.length;
      }
    }
  };
  walk(dir);
  return out;
}
