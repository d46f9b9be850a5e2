import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin']);
  const schemes = await locals.api.zone.levelSchemes();
  return { scheme: schemes.find((s) => s.inForce) ?? null };
};
