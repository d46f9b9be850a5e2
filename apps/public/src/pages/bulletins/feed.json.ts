// /bulletins/feed.json: JSON Feed 1.1 of the latest bulletins (see lib/bulletin-feed.ts).
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/api.ts';
import { bulletinFeedItems, bulletinsJsonFeed, FEED_TYPES } from '../../lib/bulletin-feed.ts';
import { siteUrl } from '../../lib/site-url.ts';

export const GET: APIRoute = async ({ site }) => {
  const data = await siteData();
  const url = siteUrl(site);
  const json = bulletinsJsonFeed(bulletinFeedItems(data.bulletins, url), url, data.builtAt);
  return new Response(json, { headers: { 'content-type': `${FEED_TYPES.json}; charset=utf-8` } });
};
