import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

/** How many of the zones a change names are linked by name; a sweep or a file may name hundreds. */
const NAMED = 30;

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['admin', 'reviewer']);
  const change = await orNotFound(locals.api.zone.change({ id: params.id }), '该变更不存在');
  const zones = await Promise.all(change.zoneIds.slice(0, NAMED).map((id) => locals.api.zone.byId({ id }).catch(() => null)));
  return {
    change,
    zones: zones
      .filter((z) => z !== null)
      .map((z) => ({ id: z.id, name: z.name, districtName: z.districtName, cityName: z.cityName, home: z.home })),
    me: { id: user.id, role: user.role },
    submitted: url.searchParams.has('submitted'),
  };
};
