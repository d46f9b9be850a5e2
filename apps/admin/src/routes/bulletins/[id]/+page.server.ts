import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer', 'admin']);
  const bulletin = await orNotFound(locals.api.bulletin.get({ id: params.id }), '该公告不存在');
  return { bulletin, canEdit: user.role === 'press_officer' };
};
