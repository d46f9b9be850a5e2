// /zones/lookup-index.json: the head of the static index behind the lookup (format in lib/lookup.ts);
// each district's zones are in /zones/lookup/{code}.json.
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/api.ts';
import { buildLookupIndex } from '../../lib/lookup-index.ts';
import { CONTENT_TYPES } from '../../lib/open-data.ts';

export const GET: APIRoute = async () => {
  const { head } = buildLookupIndex(await siteData());
  return new Response(JSON.stringify(head), { headers: { 'content-type': CONTENT_TYPES.json } });
};
