import { announcedGroups } from '#lib/announced.ts';
import { requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['press_officer']);
  const [nextNumber, reports, testingRounds, isolationSnapshots, bulletins] = await Promise.all([
    locals.api.pressConference.nextNumber(),
    locals.api.report.list(),
    locals.api.testingRound.list(),
    locals.api.isolation.snapshots(),
    locals.api.bulletin.list(),
  ]);
  return {
    nextNumber,
    now: getRuntime().clock.now().toISOString(),
    groups: announcedGroups({ reports, testingRounds, isolationSnapshots, bulletins }),
  };
};
