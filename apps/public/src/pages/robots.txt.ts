// /robots.txt: everything may be crawled; the sitemap (written by @astrojs/sitemap) is named here.
import type { APIRoute } from 'astro';
import { absoluteUrl } from '../lib/site-url.ts';

export const GET: APIRoute = ({ site }) =>
  new Response(
    ['User-agent: *', 'Allow: /', 'Disallow: /pagefind/', '', `Sitemap: ${absoluteUrl('/sitemap-index.xml', site)}`, ''].join('\n'),
    {
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    },
  );
