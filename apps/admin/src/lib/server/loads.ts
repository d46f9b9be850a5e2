import { error } from '@sveltejs/kit';
import { announcedGroups, type AnnouncedGroup } from '#lib/announced.ts';
import { orNotFound, requireRole } from './guard.ts';

// What several pages load alike.

type Api = App.Locals['api'];

/**
 * A returned item for a press officer to edit and send for review again (read with `read`, a 404 page
 * saying `missing` when there is none), with the districts its form offers.
 */
export async function resubmission<T>(
  { locals, url }: { locals: App.Locals; url: URL },
  read: (api: Api) => Promise<T>,
  missing: string,
): Promise<{ item: T; districts: Awaited<ReturnType<Api['district']['list']>> }> {
  requireRole(locals, url, ['press_officer']);
  const [item, districts] = await Promise.all([orNotFound(read(locals.api), missing), locals.api.district.list()]);
  return { item, districts };
}

/** The published items a press conference can link, grouped by kind. */
export async function linkableGroups(api: Api): Promise<AnnouncedGroup[]> {
  const [reports, testingRounds, isolationSnapshots, bulletins] = await Promise.all([
    api.report.list(),
    api.testingRound.list(),
    api.isolation.snapshots(),
    api.bulletin.list(),
  ]);
  return announcedGroups({ reports, testingRounds, isolationSnapshots, bulletins });
}

/** The published press conference a page's number names; a 404 page when the number is malformed or has none. */
export function conferenceByNumber(api: Api, number: string) {
  const missing = '没有这一场新闻发布会';
  if (!/^[1-9]\d{0,5}$/.test(number)) error(404, missing);
  return orNotFound(api.pressConference.byNumber({ number: Number(number) }), missing);
}
