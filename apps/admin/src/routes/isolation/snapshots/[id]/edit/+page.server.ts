import { resubmission } from '#lib/server/loads.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
  const { item: snapshot, districts } = await resubmission(
    event,
    (api) => api.isolation.getSnapshot({ id: event.params.id }),
    '该集中隔离情况不存在',
  );
  return { snapshot, districts };
};
