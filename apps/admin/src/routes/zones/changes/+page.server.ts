import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin', 'reviewer']);
  return { changes: await locals.api.zone.changes() };
};
