import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  const snapshot = await orNotFound(locals.api.isolation.getSnapshot({ id: params.id }), '该集中隔离情况不存在');
  return { snapshot, me: { id: user.id, role: user.role } };
};
