import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { pagefindSearch } from './src/integrations/pagefind.ts';
import { readSiteUrl } from './src/lib/site-url.ts';

// The database layer (better-sqlite3, a native module) and the workspace packages that use it
// stay out of Vite's bundles: Node loads them as they are when the pages are prerendered.
// Each entry point is named by its exact specifier, because the packages export TypeScript
// sources, which Vite externalises only when named exactly. `ssr` and the `prerender`
// environment cover resolution; `rolldownOptions.external` is what keeps them out of the
// prerender bundle itself.
const external = ['@epi/api', '@epi/core', '@epi/core/server', 'better-sqlite3'];

export default defineConfig({
  output: 'static',
  // The public URL (EPI_PUBLIC_SITE_URL): absolute links in feeds, the sitemap and robots.txt.
  site: readSiteUrl(),
  // The publisher passes an empty release folder; a plain `astro build` writes to ./dist.
  outDir: process.env.EPI_PUBLIC_OUT_DIR || './dist',
  trailingSlash: 'always',
  // Every stylesheet and script is a file of its own, never inlined into a page: the portal's
  // Content-Security-Policy allows only the site's own files (packages/portal/src/server.ts).
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  integrations: [
    // Pages only (their addresses end with '/'): not the feeds, data files or attachments.
    sitemap({ filter: (page) => page.endsWith('/') }),
    // Full-text search index, written after the pages (see src/integrations/pagefind.ts).
    pagefindSearch(),
  ],
  vite: {
    ssr: { external },
    environments: { prerender: { resolve: { external } } },
    // assetsInlineLimit 0: Astro would put a script smaller than the limit into the page itself.
    build: { rolldownOptions: { external }, assetsInlineLimit: 0 },
  },
});
