import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  const report = await orNotFound(locals.api.report.get({ id: params.id }), '该通报不存在');
  return { report, me: { id: user.id, role: user.role } };
};
