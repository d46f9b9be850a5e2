import { error, redirect } from '@sveltejs/kit';
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

/**
 * The published press conference at a page's address; an address it had before (an old number, a
 * number since corrected) redirects to where it is now (`then` is the rest of the page's path), and
 * an address no conference has is a 404 page.
 */
export async function conferenceBySlug(api: Api, slug: string, then = '') {
  const missing = '没有这一场新闻发布会';
  if (!/^[a-z0-9-]{1,80}$/.test(slug)) error(404, missing);
  const conference = await orNotFound(api.pressConference.bySlug({ slug }), missing);
  if (conference.slug !== slug) redirect(308, `/press-conferences/${conference.slug}${then}`);
  return conference;
}
