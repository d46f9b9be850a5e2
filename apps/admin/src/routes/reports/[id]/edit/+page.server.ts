import { resubmission } from '#lib/server/loads.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { item: report, districts } = await resubmission(event, (api) => api.report.get({ id: event.params.id }), '该通报不存在');
  return { report, districts };
};
