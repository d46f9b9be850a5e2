// /bulletins/rss.xml: RSS 2.0 of the latest bulletins (see lib/bulletin-feed.ts).
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/api.ts';
import { bulletinFeedItems, bulletinsRss, FEED_TYPES } from '../../lib/bulletin-feed.ts';
import { siteUrl } from '../../lib/site-url.ts';

export const GET: APIRoute = async ({ site }) => {
  const data = await siteData();
  const url = siteUrl(site);
  const xml = await bulletinsRss(bulletinFeedItems(data.bulletins, url), url, data.builtAt);
  return new Response(xml, { headers: { 'content-type': `${FEED_TYPES.rss}; charset=utf-8` } });
};
