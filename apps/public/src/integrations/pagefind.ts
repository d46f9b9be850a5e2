// Astro integration: after the build, Pagefind indexes the pages that are in search (bulletins,
// press conferences, zones; chosen by lib/search.ts, which also marks their <main> with
// data-pagefind-body) and writes the index to /pagefind/ of the same output folder, so search
// works on any static host. <html lang="zh-CN"> makes Pagefind segment the Chinese text into words.
// Only those pages are read and handed to Pagefind: scanning the whole output would parse every
// large list page (/zones/on/<date>/, the timeline) for nothing. A failure fails the build (the
// live release stays).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
// Imported here, not in the hook: the config's module runner is closed by the time the hook runs.
import * as pagefind from 'pagefind';
import { PAGEFIND_DIR, PAGEFIND_EXCLUDE, PAGEFIND_MAX_FRAGMENTS, searchTypeOf } from '../lib/search.ts';

/** Files sent to Pagefind at a time. */
const BATCH = 64;

export function pagefindSearch(): AstroIntegration {
  return {
    name: 'epi-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, pages, logger }) => {
        const started = performance.now();
        const site = fileURLToPath(dir);
        const paths = pages.map((p) => `/${p.pathname.replace(/^\/+/, '')}`).filter((path) => searchTypeOf(path) !== null);
        try {
          const { index, errors } = await pagefind.createIndex({
            excludeSelectors: PAGEFIND_EXCLUDE,
            maxFragments: PAGEFIND_MAX_FRAGMENTS,
          });
          if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
          for (let i = 0; i < paths.length; i += BATCH) {
            await Promise.all(
              paths.slice(i, i + BATCH).map(async (url) => {
                const content = await readFile(join(site, url, 'index.html'), 'utf8');
                // The layout marks what is indexed; a page at an indexed address without the mark
                // (an old address that redirects) stays out.
                if (!content.includes('data-pagefind-body')) return;
                const added = await index.addHTMLFile({ url, content });
                if (added.errors.length) throw new Error(`Pagefind could not index ${url}: ${added.errors.join('; ')}`);
              }),
            );
          }
          const written = await index.writeFiles({ outputPath: join(site, PAGEFIND_DIR) });
          if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
          logger.info(`search index: ${paths.length} pages in ${Math.round(performance.now() - started)} ms`);
        } finally {
          await pagefind.close();
        }
      },
    },
  };
}
