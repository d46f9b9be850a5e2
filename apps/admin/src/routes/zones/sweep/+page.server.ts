import { requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin']);
  const [counties, schemes] = await Promise.all([locals.api.district.counties(), locals.api.zone.levelSchemes()]);
  return { counties, scheme: schemes.find((s) => s.inForce) ?? null, now: getRuntime().clock.now().toISOString() };
};
