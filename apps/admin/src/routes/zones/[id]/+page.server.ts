import { orNotFound, requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['admin']);
  const [zone, schemes] = await Promise.all([
    orNotFound(locals.api.zone.byId({ id: params.id }), '该管控区域不存在'),
    locals.api.zone.levelSchemes(),
  ]);
  const scheme = schemes.find((s) => s.inForce) ?? null;
  return { zone, levels: scheme?.levels ?? [], schemeName: scheme?.name ?? null, now: getRuntime().clock.now().toISOString() };
};
