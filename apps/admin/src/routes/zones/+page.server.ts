import { ZONE_SORTS, ZONE_STATUSES, type ZoneSort, type ZoneStatus } from '@epi/core';
import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

const PAGE_SIZE = 50;

/** The direction a column sorts in when first clicked: names A→Z, levels and times highest/latest first. */
const FIRST_DIR: Record<ZoneSort, 'asc' | 'desc'> = { district: 'asc', name: 'asc', level: 'desc', since: 'desc', changed: 'desc' };

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin']);
  const param = (name: string) => (url.searchParams.get(name) ?? '').trim();
  // Unknown values in a hand-edited URL are ignored rather than failing the page.
  const sortParam = param('sort');
  const sort: ZoneSort = (ZONE_SORTS as readonly string[]).includes(sortParam) ? (sortParam as ZoneSort) : 'district';
  const dirParam = param('dir');
  const dir = dirParam === 'asc' || dirParam === 'desc' ? dirParam : FIRST_DIR[sort];
  const statusParam = param('status');
  const filters = {
    district: /^\d{6}$/.test(param('district')) ? param('district') : '',
    level: param('level').slice(0, 64),
    status: (ZONE_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as ZoneStatus) : '',
    q: param('q').slice(0, 100),
  };
  const page = Math.max(1, Math.min(100_000, Number.parseInt(param('page'), 10) || 1));
  const [result, districts, schemes] = await Promise.all([
    locals.api.zone.search({
      districtCode: filters.district || undefined,
      levelId: filters.level || undefined,
      status: filters.status || undefined,
      q: filters.q || undefined,
      sort,
      dir,
      page,
      pageSize: PAGE_SIZE,
    }),
    locals.api.district.list(),
    locals.api.zone.levelSchemes(),
  ]);
  return { result, filters, sort, dir, firstDir: FIRST_DIR, districts, schemes };
};
