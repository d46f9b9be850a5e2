import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  return { conferences: await locals.api.pressConference.list(), canPublish: user.role === 'press_officer' };
};
