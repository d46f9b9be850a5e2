// Writes the search index of a site already built (the publisher runs it once `astro build` has
// ended, see EPI_SEARCH_INDEX in src/integrations/pagefind.ts): every page of the folder, by its
// address, handed to the same indexing as the build's own.
//   node scripts/search-index.ts OUT_DIR
import { readdirSync } from 'node:fs';
import { relative, sep } from 'node:path';
import { writeSearchIndex } from '../src/integrations/pagefind.ts';

const site = process.argv[2];
if (!site) {
  console.error('usage: node scripts/search-index.ts OUT_DIR');
  process.exit(2);
}
const paths = readdirSync(site, { withFileTypes: true, recursive: true })
  .filter((e) => e.isFile() && e.name === 'index.html')
  .map((e) => {
    const dir = relative(site, e.parentPath).split(sep).join('/');
    return dir === '' ? '/' : `/${dir}/`;
  });
const ms = await writeSearchIndex(site, paths);
console.log(`search index: ${paths.length} pages read, written in ${ms} ms`);
