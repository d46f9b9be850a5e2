import { requireRole } from '#lib/server/guard.ts';
import { conferenceBySlug, linkableGroups } from '#lib/server/loads.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer']);
  const [found, groups] = await Promise.all([conferenceBySlug(locals.api, params.slug, '/edit'), linkableGroups(locals.api)]);
  // The edit starts from the staff view by id: the same record, with the version to check against.
  const conference = await locals.api.pressConference.byId({ id: found.id });
  // A link to something no longer in the published lists (a withdrawn bulletin) stays visible, so it can be removed.
  for (const link of conference.links) {
    const group = groups.find((g) => g.entityType === link.entityType)!;
    if (!group.options.some((o) => o.entityId === link.entityId)) {
      group.options.push({ ...link, label: '（已不在已发布的列表中：请取消勾选后保存）' });
    }
  }
  return { conference, groups, now: getRuntime().clock.now().toISOString() };
};
