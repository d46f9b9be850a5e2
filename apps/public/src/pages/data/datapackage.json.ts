// /data/datapackage.json: every open-data file described as a Frictionless tabular data package.
import type { APIRoute } from 'astro';
import { siteData } from '../../lib/api.ts';
import { dataPackage } from '../../lib/datapackage.ts';
import { CONTENT_TYPES } from '../../lib/open-data.ts';

export const GET: APIRoute = async () => {
  const site = await siteData();
  return new Response(JSON.stringify(dataPackage(site), null, 2), { headers: { 'content-type': CONTENT_TYPES.json } });
};
