import { error } from '@sveltejs/kit';
import { announcedGroups } from '#lib/announced.ts';
import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  if (!/^[1-9]\d{0,5}$/.test(params.number)) error(404, '没有这一场新闻发布会');
  const [conference, reports, testingRounds, isolationSnapshots, bulletins] = await Promise.all([
    orNotFound(locals.api.pressConference.byNumber({ number: Number(params.number) }), '没有这一场新闻发布会'),
    locals.api.report.list(),
    locals.api.testingRound.list(),
    locals.api.isolation.snapshots(),
    locals.api.bulletin.list(),
  ]);
  const groups = announcedGroups({ reports, testingRounds, isolationSnapshots, bulletins });
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
