import { error } from '@sveltejs/kit';
import { announcedGroups } from '#lib/announced.ts';
import { orNotFound, requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer']);
  if (!/^[1-9]\d{0,5}$/.test(params.number)) error(404, '没有这一场新闻发布会');
  const [found, reports, testingRounds, isolationSnapshots, bulletins] = await Promise.all([
    orNotFound(locals.api.pressConference.byNumber({ number: Number(params.number) }), '没有这一场新闻发布会'),
    locals.api.report.list(),
    locals.api.testingRound.list(),
    locals.api.isolation.snapshots(),
    locals.api.bulletin.list(),
  ]);
  // The edit starts from the staff view by id: the same record, with the version to check against.
  const conference = await locals.api.pressConference.byId({ id: found.id });
  const groups = announcedGroups({ reports, testingRounds, isolationSnapshots, bulletins });
  // A link to something no longer in the published lists (a withdrawn bulletin) stays visible, so it can be removed.
  for (const link of conference.links) {
    const group = groups.find((g) => g.entityType === link.entityType)!;
    if (!group.options.some((o) => o.entityId === link.entityId)) {
      group.options.push({ ...link, label: '（已不在已发布的列表中：请取消勾选后保存）' });
    }
  }
  return { conference, groups, now: getRuntime().clock.now().toISOString() };
};
