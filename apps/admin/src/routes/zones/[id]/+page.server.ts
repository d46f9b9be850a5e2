import { orNotFound, requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  // Reviewers read a zone beside the changes they decide; only admins prepare changes.
  const user = requireRole(locals, url, ['admin', 'reviewer']);
  const [zone, schemes, changes, counties] = await Promise.all([
    orNotFound(locals.api.zone.byId({ id: params.id }), '该管控区域不存在'),
    locals.api.zone.levelSchemes(),
    locals.api.zone.changes({ zoneId: params.id, statuses: ['in_review'] }),
    user.role === 'admin' ? locals.api.district.counties() : Promise.resolve([]),
  ]);
  const scheme = schemes.find((s) => s.inForce) ?? null;
  return {
    zone,
    changes,
    counties,
    canChange: user.role === 'admin',
    levels: scheme?.levels ?? [],
    schemeName: scheme?.name ?? null,
    now: getRuntime().clock.now().toISOString(),
  };
};
