import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer']);
  const [round, districts] = await Promise.all([
    orNotFound(locals.api.testingRound.get({ id: params.id }), '该轮次不存在'),
    locals.api.district.list(),
  ]);
  return { round, districts };
};
