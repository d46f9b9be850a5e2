// Bulletins as read: the read models (staff and public) and the queries that load them, each
// bulletin with all its revisions and attachments.
import type { Executor } from '../db/database.ts';
import { userNames } from '../review/review.ts';
import { NotFoundError } from '../shared/errors.ts';
import { renderMarkdown } from './markdown.ts';
import type { AttachmentMediaType, BulletinCategory, BulletinStatus } from './schema.ts';

export interface BulletinAttachment {
  id: string;
  filename: string;
  mediaType: AttachmentMediaType;
  sizeBytes: number;
  sha256: string;
}

export interface BulletinRevision {
  number: number;
  title: string;
  issuer: string;
  issuedOn: string;
  category: BulletinCategory;
  bodyMd: string;
  changeReason: string | null;
  createdAt: string;
  createdBy: { id: string; name: string } | null;
  attachments: BulletinAttachment[];
}

export interface BulletinTransition {
  id: number;
  revision: number;
  from: BulletinStatus | null;
  to: BulletinStatus;
  at: string;
  actorName: string;
  comment: string | null;
  publishAt: string | null;
}

export interface Bulletin {
  id: string;
  status: BulletinStatus;
  version: number;
  createdAt: string;
  updatedAt: string;
  firstPublishedAt: string | null;
  publishedAt: string | null;
  withdrawnAt: string | null;
  withdrawnReason: string | null;
  /** Taken down: its text and attachments deleted (takedown.ts). */
  takenDownAt: string | null;
  /** When a scheduled bulletin goes out. */
  scheduledAt: string | null;
  submittedAt: string | null;
  submittedBy: { id: string; name: string } | null;
  approvedAt: string | null;
  approvedBy: { id: string; name: string } | null;
  /** The publication time the reviewer set: bound, moved only by a reviewer or through a new review. */
  approvedPublishAt: string | null;
  /** The reviewer's comment when the bulletin was last sent back. */
  reviewComment: string | null;
  currentRevision: BulletinRevision;
  publishedRevision: BulletinRevision | null;
  revisionCount: number;
  /** Attachments uploaded to this bulletin, whether or not a revision uses them yet. */
  uploads: BulletinAttachment[];
}

/** One publication of a bulletin: the first, or a later revision published with its reason. */
export interface PublicBulletinPublication {
  at: string;
  revision: number;
  reason: string | null;
}

/** What the public sees of a bulletin: the published revision, rendered. */
export interface PublicBulletin {
  id: string;
  title: string;
  issuer: string;
  issuedOn: string;
  category: BulletinCategory;
  bodyHtml: string;
  revision: number;
  firstPublishedAt: string;
  publishedAt: string;
  /** Set when the published text is a later revision than the first one published. */
  updated: { at: string; reason: string | null } | null;
  /** Every publication, first one first. */
  publications: PublicBulletinPublication[];
  /** Set when the bulletin was withdrawn: it stays at its address, saying so at the top; `takenDown`: its text was deleted. */
  withdrawn: { at: string; reason: string; takenDown: boolean } | null;
  attachments: BulletinAttachment[];
}

/** The columns of an attachment its read model is made from. */
export type AttachmentMeta = { id: string; bulletin_id: string; filename: string; media_type: string; size_bytes: number; sha256: string };

export const toAttachment = (a: AttachmentMeta): BulletinAttachment => ({
  id: a.id,
  filename: a.filename,
  mediaType: a.media_type as AttachmentMediaType,
  sizeBytes: a.size_bytes,
  sha256: a.sha256,
});

const person = (id: string | null, names: Map<string, string>) => (id === null ? null : { id, name: names.get(id) ?? '（未知用户）' });

/** Every revision (with its attachments) and every upload of the given bulletins, first revision first. */
async function loadRevisions(
  db: Executor,
  ids: string[],
  names: Map<string, string>,
): Promise<{ revisions: Map<string, BulletinRevision[]>; uploads: Map<string, BulletinAttachment[]> }> {
  const [rows, links, attachments] = await Promise.all([
    db.selectFrom('bulletin_revision').selectAll().where('bulletin_id', 'in', ids).orderBy('number').execute(),
    db.selectFrom('bulletin_revision_attachment').selectAll().where('bulletin_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('bulletin_attachment')
      .select(['id', 'bulletin_id', 'filename', 'media_type', 'size_bytes', 'sha256'])
      .where('bulletin_id', 'in', ids)
      .orderBy('created_at')
      .execute(),
  ]);
  const attachmentById = new Map(attachments.map((a) => [a.id, toAttachment(a)]));
  const revisions = new Map<string, BulletinRevision[]>(ids.map((id) => [id, []]));
  for (const r of rows) {
    revisions.get(r.bulletin_id)!.push({
      number: r.number,
      title: r.title,
      issuer: r.issuer,
      issuedOn: r.issued_on,
      category: r.category as BulletinCategory,
      bodyMd: r.body_md,
      changeReason: r.change_reason,
      createdAt: r.created_at,
      createdBy: person(r.created_by, names),
      attachments: links
        .filter((l) => l.bulletin_id === r.bulletin_id && l.revision === r.number)
        .map((l) => attachmentById.get(l.attachment_id)!),
    });
  }
  const uploads = new Map<string, BulletinAttachment[]>(ids.map((id) => [id, []]));
  for (const a of attachments) uploads.get(a.bulletin_id)!.push(attachmentById.get(a.id)!);
  return { revisions, uploads };
}

type LoadFilter = { ids?: string[]; statuses?: readonly BulletinStatus[]; hasPublished?: boolean };

/** Loads bulletins with all their revisions and attachments (a city publishes hundreds, not millions). */
async function load(db: Executor, filter: LoadFilter = {}): Promise<Bulletin[]> {
  return (await loadWithRevisions(db, filter)).map(([b]) => b);
}

/** Each bulletin with every one of its revisions, first one first. */
async function loadWithRevisions(db: Executor, filter: LoadFilter): Promise<Array<[Bulletin, BulletinRevision[]]>> {
  let q = db.selectFrom('bulletin').selectAll().orderBy('updated_at', 'desc').orderBy('id');
  if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : ['']);
  if (filter.statuses) {
    if (filter.statuses.length === 0) return [];
    q = q.where('status', 'in', filter.statuses);
  }
  if (filter.hasPublished) q = q.where('published_revision', 'is not', null);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const names = await userNames(db);
  const { revisions, uploads } = await loadRevisions(
    db,
    rows.map((r) => r.id),
    names,
  );
  return rows.map((b) => {
    const mine = revisions.get(b.id)!;
    const bulletin: Bulletin = {
      id: b.id,
      status: b.status as BulletinStatus,
      version: b.version,
      createdAt: b.created_at,
      updatedAt: b.updated_at,
      firstPublishedAt: b.first_published_at,
      publishedAt: b.published_at,
      withdrawnAt: b.withdrawn_at,
      withdrawnReason: b.withdrawn_reason,
      takenDownAt: b.taken_down_at,
      scheduledAt: b.scheduled_at,
      submittedAt: b.submitted_at,
      submittedBy: person(b.submitted_by, names),
      approvedAt: b.approved_at,
      approvedBy: person(b.approved_by, names),
      approvedPublishAt: b.approved_publish_at,
      reviewComment: b.review_comment,
      currentRevision: mine.find((r) => r.number === b.current_revision)!,
      publishedRevision: mine.find((r) => r.number === b.published_revision) ?? null,
      revisionCount: mine.length,
      uploads: uploads.get(b.id)!,
    };
    return [bulletin, mine];
  });
}

/** Every bulletin in any status (or in the given ones), for staff; the public reads `listPublicBulletins`. */
export function listStaffBulletins(db: Executor, filter: { statuses?: readonly BulletinStatus[] } = {}): Promise<Bulletin[]> {
  return load(db, filter);
}

export async function getBulletin(db: Executor, id: string): Promise<Bulletin> {
  const [found] = await load(db, { ids: [id] });
  if (!found) throw new NotFoundError(`公告 ${id} 不存在`);
  return found;
}

/** Every revision of a bulletin, first one first. */
export async function listBulletinRevisions(db: Executor, id: string): Promise<BulletinRevision[]> {
  const row = await db.selectFrom('bulletin').select('id').where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`公告 ${id} 不存在`);
  return (await loadRevisions(db, [id], await userNames(db))).revisions.get(id)!;
}

/** The recorded workflow steps of a bulletin, first one first. */
export async function listBulletinTransitions(db: Executor, id: string): Promise<BulletinTransition[]> {
  const rows = await db.selectFrom('bulletin_transition').selectAll().where('bulletin_id', '=', id).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    revision: r.revision,
    from: r.from_status as BulletinStatus | null,
    to: r.to_status as BulletinStatus,
    at: r.at,
    actorName: r.actor_name,
    comment: r.comment,
    publishAt: r.publish_at,
  }));
}

/** Published (and withdrawn) bulletins as the public sees them, newest first; only `ids` when given. */
export async function listPublicBulletins(db: Executor, ids?: string[]): Promise<PublicBulletin[]> {
  const all = await loadWithRevisions(db, { hasPublished: true, ids });
  if (all.length === 0) return [];
  const publications = await db
    .selectFrom('bulletin_transition')
    .select(['bulletin_id', 'at', 'revision'])
    .where('to_status', '=', 'published')
    .where(
      'bulletin_id',
      'in',
      all.map(([b]) => b.id),
    )
    .orderBy('id')
    .execute();
  return all
    .filter(([b]) => b.publishedRevision && b.publishedAt && b.firstPublishedAt)
    .map(([b, revisions]): PublicBulletin => {
      const r = b.publishedRevision!;
      // A publication's reason: every reason given on the revisions saved since the previous
      // publication (a text may be saved several times, with a reason each time, before it goes out).
      const reasonsSince = (after: number, upTo: number) => {
        const given = revisions.filter((x) => x.number > after && x.number <= upTo && x.changeReason).map((x) => x.changeReason!);
        return given.length ? [...new Set(given)].join('；') : null;
      };
      const mine: PublicBulletinPublication[] = [];
      for (const p of publications.filter((x) => x.bulletin_id === b.id)) {
        const previous = mine.at(-1)?.revision ?? 0;
        mine.push({ at: p.at, revision: p.revision, reason: previous === 0 ? null : reasonsSince(previous, p.revision) });
      }
      if (mine.length === 0) mine.push({ at: b.firstPublishedAt!, revision: r.number, reason: null });
      const last = mine.at(-1)!;
      return {
        id: b.id,
        title: r.title,
        issuer: r.issuer,
        issuedOn: r.issuedOn,
        category: r.category,
        bodyHtml: renderMarkdown(r.bodyMd),
        revision: r.number,
        firstPublishedAt: b.firstPublishedAt!,
        publishedAt: b.publishedAt!,
        updated: mine.length > 1 ? { at: last.at, reason: last.reason } : null,
        publications: mine,
        withdrawn:
          b.status === 'withdrawn' && b.withdrawnAt
            ? { at: b.withdrawnAt, reason: b.withdrawnReason ?? '', takenDown: b.takenDownAt !== null }
            : null,
        attachments: r.attachments,
      };
    })
    .sort((a, b) =>
      a.issuedOn === b.issuedOn ? b.firstPublishedAt.localeCompare(a.firstPublishedAt) : b.issuedOn.localeCompare(a.issuedOn),
    );
}
