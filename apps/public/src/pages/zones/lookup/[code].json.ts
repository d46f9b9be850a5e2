// /zones/lookup/{code}.json: one district's zones for the lookup, loaded when a query needs them
// (see shardsFor in lib/lookup.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData } from '../../../lib/api.ts';
import { buildLookupIndex } from '../../../lib/lookup-index.ts';
import { CONTENT_TYPES } from '../../../lib/open-data.ts';

export const getStaticPaths = (async () => {
  const { shards } = buildLookupIndex(await siteData());
  return [...shards.keys()].map((code) => ({ params: { code } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const shard = buildLookupIndex(await siteData()).shards.get(params.code ?? '');
  return new Response(JSON.stringify(shard), { headers: { 'content-type': CONTENT_TYPES.json } });
};
