import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  const round = await orNotFound(locals.api.testingRound.get({ id: params.id }), '该轮次不存在');
  return { round, me: { id: user.id, role: user.role } };
};
