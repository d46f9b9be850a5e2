import { requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin']);
  const [districts, schemes] = await Promise.all([locals.api.district.list(), locals.api.zone.levelSchemes()]);
  const scheme = schemes.find((s) => s.inForce) ?? null;
  return { districts, scheme, now: getRuntime().clock.now().toISOString() };
};
