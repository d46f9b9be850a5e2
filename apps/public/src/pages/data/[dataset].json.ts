// /data/<id>.json for every dataset: the same rows as the CSV, with asOf and updated.
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData } from '../../lib/api.ts';
import { DATASETS, datasetById } from '../../lib/datapackage.ts';
import { CONTENT_TYPES, datasetJson } from '../../lib/open-data.ts';

export const getStaticPaths = (() => DATASETS.map((d) => ({ params: { dataset: d.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await siteData();
  return new Response(datasetJson(datasetById(params.dataset!), site), { headers: { 'content-type': CONTENT_TYPES.json } });
};
