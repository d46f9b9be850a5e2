// Bulletins as the public API returns them (published, updated, withdrawn), for the unit tests of
// the bulletin pages' logic and the feeds. Times may be given with an offset; they are stored in UTC.
import type { PublicBulletin } from '@epi/core';

let nextId = 1;
const utc = (s: string) => new Date(s).toISOString();

type Spec = Partial<Omit<PublicBulletin, 'updated' | 'withdrawn' | 'publications'>> & {
  /** An update: when and why (a second publication). */
  updated?: { at: string; reason: string | null };
  withdrawn?: { at: string; reason: string; takenDown?: boolean };
};

/** A published bulletin; `updated` adds a second publication, `withdrawn` withdraws it. */
export function bulletin(spec: Spec = {}): PublicBulletin {
  const id = spec.id ?? `b-${nextId++}`;
  const firstPublishedAt = utc(spec.firstPublishedAt ?? '2021-01-06T08:00:00+08:00');
  const updated = spec.updated ? { at: utc(spec.updated.at), reason: spec.updated.reason } : null;
  return {
    title: '市应对新冠肺炎疫情工作会议',
    issuer: '石家庄日报',
    issuedOn: '2021-01-06',
    category: 'meeting',
    bodyHtml: '<p>会议强调，要对全市所有社区农村实行闭环管控。</p>',
    revision: updated ? 2 : 1,
    attachments: [],
    ...spec,
    id,
    firstPublishedAt,
    publishedAt: updated?.at ?? firstPublishedAt,
    updated,
    publications: [
      { at: firstPublishedAt, revision: 1, reason: null },
      ...(updated ? [{ at: updated.at, revision: 2, reason: updated.reason }] : []),
    ],
    withdrawn: spec.withdrawn
      ? { at: utc(spec.withdrawn.at), reason: spec.withdrawn.reason, takenDown: spec.withdrawn.takenDown ?? false }
      : null,
  };
}
