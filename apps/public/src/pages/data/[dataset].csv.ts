// /data/<id>.csv for every dataset (columns defined in lib/open-data*.ts, documented on /data/).
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData } from '../../lib/api.ts';
import { DATASETS, datasetById } from '../../lib/datapackage.ts';
import { CONTENT_TYPES, datasetCsv } from '../../lib/open-data.ts';

export const getStaticPaths = (() => DATASETS.map((d) => ({ params: { dataset: d.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const site = await siteData();
  return new Response(datasetCsv(datasetById(params.dataset!), site), { headers: { 'content-type': CONTENT_TYPES.csv } });
};
