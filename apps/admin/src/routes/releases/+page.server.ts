import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['admin', 'press_officer', 'reviewer']);
  return { releases: await locals.api.release.list(), canRequest: user.role === 'admin' };
};
