import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer']);
  return { facility: await orNotFound(locals.api.isolation.facility({ id: params.id }), '没有这个隔离设施') };
};
