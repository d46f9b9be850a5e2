import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer']);
  const [snapshot, districts] = await Promise.all([
    orNotFound(locals.api.isolation.getSnapshot({ id: params.id }), '该集中隔离情况不存在'),
    locals.api.district.list(),
  ]);
  return { snapshot, districts };
};
