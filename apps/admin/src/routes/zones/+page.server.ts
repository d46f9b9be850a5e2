import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin']);
  const [zones, districts, schemes] = await Promise.all([
    locals.api.zone.list(),
    locals.api.district.list(),
    locals.api.zone.levelSchemes(),
  ]);
  const filters = {
    district: url.searchParams.get('district') ?? '',
    level: url.searchParams.get('level') ?? '',
    status: url.searchParams.get('status') ?? '',
    q: (url.searchParams.get('q') ?? '').trim(),
  };
  const q = filters.q.toLowerCase();
  const shown = zones.filter(
    (z) =>
      (!filters.district || z.districtCode === filters.district) &&
      (!filters.level || z.level?.id === filters.level) &&
      (!filters.status || z.state.status === filters.status) &&
      (!q || `${z.districtName} ${z.name} ${z.address ?? ''}`.toLowerCase().includes(q)),
  );
  return { zones: shown, total: zones.length, filters, districts, schemes };
};
