// /data/zone-events.json (documented on /data/, columns in lib/open-data.ts).
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/api.ts';
import { CONTENT_TYPES, datasetJson, zoneEvents } from '../../lib/open-data.ts';

export const GET: APIRoute = async () => {
  const site = await siteData();
  return new Response(datasetJson(zoneEvents, site), { headers: { 'content-type': CONTENT_TYPES.json } });
};
