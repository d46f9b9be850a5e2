import { resubmission } from '#lib/server/loads.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { item: round, districts } = await resubmission(event, (api) => api.testingRound.get({ id: event.params.id }), '该轮次不存在');
  return { round, districts };
};
