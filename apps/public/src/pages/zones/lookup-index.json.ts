// /zones/lookup-index.json: the static index behind the lookup on /zones/ (format in lib/lookup.ts).
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/api.ts';
import { buildLookupIndex } from '../../lib/lookup-index.ts';
import { CONTENT_TYPES } from '../../lib/open-data.ts';

export const GET: APIRoute = async () => {
  const index = buildLookupIndex(await siteData());
  return new Response(JSON.stringify(index), { headers: { 'content-type': CONTENT_TYPES.json } });
};
