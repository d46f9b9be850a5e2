// How a bulletin's change is named in the site's history: with its title in the console, without it
// in the public transparency log, which is append-only and so could never lose a title that a
// takedown removes from everywhere else.
import type { SiteChangeNote } from '../release/site-change.ts';

/** '发布公告：<title>' for the console, '发布公告' and the bulletin's address for the log. */
export function bulletinSiteChange(act: string, bulletin: { id: string; title: string }): Exclude<SiteChangeNote, string> {
  return { reason: `${act}：${bulletin.title}`, path: `/bulletins/${bulletin.id}/`, logReason: act };
}
