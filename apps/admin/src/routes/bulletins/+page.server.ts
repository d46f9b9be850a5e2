import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer', 'admin']);
  return { bulletins: await locals.api.bulletin.all(), canEdit: user.role === 'press_officer' };
};
