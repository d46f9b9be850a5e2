import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['press_officer', 'reviewer', 'admin']);
  // One queue for every reviewed kind, bulletins included.
  return { queue: await locals.api.review.queue() };
};
