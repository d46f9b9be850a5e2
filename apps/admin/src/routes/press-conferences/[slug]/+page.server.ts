import { requireRole } from '#lib/server/guard.ts';
import { conferenceBySlug, linkableGroups } from '#lib/server/loads.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  const [conference, groups] = await Promise.all([conferenceBySlug(locals.api, params.slug), linkableGroups(locals.api)]);
  const options = groups.flatMap((g) => g.options.map((o) => ({ ...o, legend: g.legend })));
  const announced = conference.links.map(
    (l) =>
      options.find((o) => o.entityType === l.entityType && o.entityId === l.entityId) ?? {
        ...l,
        legend: groups.find((g) => g.entityType === l.entityType)?.legend ?? '',
        label: '（不在已发布的列表中）',
      },
  );
  return { conference, announced, canEdit: user.role === 'press_officer' };
};
