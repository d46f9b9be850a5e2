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

/**
 * Writes the search index of a built site into its /pagefind/ folder: the pages at `paths` (their
 * addresses, '/zones/x/') that are in the index. How long it took, in ms.
 */
export async function writeSearchIndex(site: string, paths: readonly string[]): Promise<number> {
  const started = performance.now();
  const indexed = paths.filter((path) => searchTypeOf(path) !== null);
  try {
    const { index, errors } = await pagefind.createIndex({
      excludeSelectors: PAGEFIND_EXCLUDE,
      maxFragments: PAGEFIND_MAX_FRAGMENTS,
    });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (let i = 0; i < indexed.length; i += BATCH) {
      await Promise.all(
        indexed.slice(i, i + BATCH).map(async (url) => {
          const content = await readFile(join(site, url, 'index.html'), 'utf8');
          if (!content.includes('data-pagefind-body')) return;
          const added = await index.addHTMLFile({ url, content });
          if (added.errors.length) throw new Error(`Pagefind could not index ${url}: ${added.errors.join('; ')}`);
        }),
      );
    }
    const written = await index.writeFiles({ outputPath: join(site, PAGEFIND_DIR) });
    if (written.errors.length) throw new Error(`Pagefind could not write the index: ${written.errors.join('; ')}`);
    return Math.round(performance.now() - started);
  } finally {
    await pagefind.close();
  }
}

/**
 * The index written at the end of `astro build`; or, with EPI_SEARCH_INDEX=after (the publisher's
 * builds), left to scripts/search-index.ts once Astro's process has ended, so that the two never
 * hold their memory at the same time.
 */
export function pagefindSearch(): AstroIntegration {
  return {
    name: 'epi-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, pages, logger }) => {
        if (process.env.EPI_SEARCH_INDEX === 'after') return;
        const paths = pages.map((p) => `/${p.pathname.replace(/^\/+/, '')}`);
        const ms = await writeSearchIndex(fileURLToPath(dir), paths);
        logger.info(`search index written in ${ms} ms`);
      },
    },
  };
}
