import { z } from 'zod';
import type { Executor, Tx } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { publishedDirectly, type PublishedEdit } from '../shared/published-directly.ts';
import { calendarDate, id, instant, optionalText, publishedEdit, requiredText } from '../shared/zod.ts';

export const LINKABLE_TYPES = ['report', 'testing_round', 'isolation_snapshot', 'bulletin'] as const;
export type LinkableType = (typeof LINKABLE_TYPES)[number];
export const LINKABLE_TYPE_LABELS: Record<LinkableType, string> = {
  report: '疫情通报',
  testing_round: '全员核酸检测',
  isolation_snapshot: '集中隔离情况',
  bulletin: '通知公告',
};

export const pressConferenceInput = z.object({
  number: z.number().int().min(1, '场次从 1 开始'),
  heldOn: calendarDate,
  startsAt: instant.nullish().transform((v) => v ?? null),
  title: requiredText(200),
  summary: requiredText(4000),
  people: z
    .array(
      z.object({
        role: z.enum(['host', 'speaker']),
        name: requiredText(40),
        title: optionalText(100),
        organisation: optionalText(100),
      }),
    )
    .max(30)
    .default([]),
  agencies: z.array(requiredText(100)).max(30).default([]),
  qa: z
    .array(z.object({ question: requiredText(2000), answer: requiredText(8000), answeredBy: optionalText(100) }))
    .max(100)
    .default([]),
  links: z
    .array(z.object({ entityType: z.enum(LINKABLE_TYPES), entityId: id }))
    .max(50)
    .default([]),
});
export type PressConferenceInput = z.input<typeof pressConferenceInput>;
type PressConferenceData = z.output<typeof pressConferenceInput>;

/** An edit of a published conference: the whole conference as it should now read, and why. */
export const updatePressConferenceInput = pressConferenceInput.safeExtend(publishedEdit);
export type UpdatePressConferenceInput = z.input<typeof updatePressConferenceInput>;

/** The parts of a conference an edit can change, in the order the page shows them. */
export const PRESS_CONFERENCE_FIELDS = ['number', 'heldOn', 'startsAt', 'title', 'people', 'agencies', 'summary', 'links', 'qa'] as const;
export type PressConferenceField = (typeof PRESS_CONFERENCE_FIELDS)[number];
export const PRESS_CONFERENCE_FIELD_LABELS: Record<PressConferenceField, string> = {
  number: '场次',
  heldOn: '日期',
  startsAt: '开始时间',
  title: '标题',
  people: '主持人和发布人',
  agencies: '答问单位',
  summary: '发布内容',
  links: '本场发布的内容',
  qa: '问答',
};

/** One edit after publication, as the public page states it: the parts it changed. */
export type PressConferenceUpdate = PublishedEdit<PressConferenceField>;

export interface PressConference {
  id: string;
  number: number;
  heldOn: string;
  startsAt: string | null;
  title: string;
  summary: string;
  version: number;
  publishedAt: string | null;
  /** Edits after publication, oldest first. */
  updates: PressConferenceUpdate[];
  people: Array<{ role: 'host' | 'speaker'; name: string; title: string | null; organisation: string | null }>;
  agencies: string[];
  qa: Array<{ question: string; answer: string; answeredBy: string | null }>;
  links: Array<{ entityType: LinkableType; entityId: string }>;
}

export async function listPressConferences(db: Executor): Promise<PressConference[]> {
  return hydrate(
    db,
    await db.selectFrom('press_conference').selectAll().where('status', '=', 'published').orderBy('number', 'desc').execute(),
  );
}

type ConferenceRow = Awaited<ReturnType<typeof selectById>>;
function selectById(db: Executor, id: string) {
  return db.selectFrom('press_conference').selectAll().where('id', '=', id).where('status', '=', 'published').executeTakeFirst();
}

async function hydrate(db: Executor, rows: NonNullable<ConferenceRow>[]): Promise<PressConference[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [people, agencies, qa, links, updates] = await Promise.all([
    db.selectFrom('press_conference_person').selectAll().where('conference_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('press_conference_agency').selectAll().where('conference_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('press_conference_qa').selectAll().where('conference_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('press_conference_link').selectAll().where('conference_id', 'in', ids).execute(),
    conferences.editsOf(db, ids),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    heldOn: r.held_on,
    startsAt: r.starts_at,
    title: r.title,
    summary: r.summary,
    version: r.version,
    publishedAt: r.published_at,
    updates: updates.get(r.id) ?? [],
    people: people
      .filter((p) => p.conference_id === r.id)
      .map((p) => ({ role: p.role as 'host' | 'speaker', name: p.name, title: p.title, organisation: p.organisation })),
    agencies: agencies.filter((a) => a.conference_id === r.id).map((a) => a.name),
    qa: qa.filter((q) => q.conference_id === r.id).map((q) => ({ question: q.question, answer: q.answer, answeredBy: q.answered_by })),
    links: links.filter((l) => l.conference_id === r.id).map((l) => ({ entityType: l.entity_type as LinkableType, entityId: l.entity_id })),
  }));
}

export async function getPressConference(db: Executor, number: number): Promise<PressConference> {
  const row = await db
    .selectFrom('press_conference')
    .selectAll()
    .where('number', '=', number)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`press conference ${number} not found`);
  return (await hydrate(db, [row]))[0]!;
}

export async function getPressConferenceById(db: Executor, id: string): Promise<PressConference> {
  const row = await selectById(db, id);
  if (!row) throw new NotFoundError(`press conference ${id} not found`);
  return (await hydrate(db, [row]))[0]!;
}

/** The reviewed kinds: published when their status is. Bulletins have their own workflow. */
const LINK_TABLES = {
  report: 'report',
  testing_round: 'testing_round',
  isolation_snapshot: 'isolation_snapshot',
} as const;

/**
 * Links may only name published items: a report, testing round or isolation snapshot approved in
 * review, or a bulletin whose published revision is not withdrawn. The error names the link.
 */
async function assertLinksPublished(tx: Tx, links: PressConferenceData['links']): Promise<void> {
  const seen = new Set<string>();
  for (const [i, link] of links.entries()) {
    const field = `links.${i}.entityId`;
    const label = LINKABLE_TYPE_LABELS[link.entityType];
    const key = `${link.entityType}:${link.entityId}`;
    if (seen.has(key)) throw new InputError(field, `第 ${i + 1} 项关联内容（${label}）重复`);
    seen.add(key);
    let state: string | null;
    if (link.entityType === 'bulletin') {
      const row = await tx
        .selectFrom('bulletin')
        .select(['status', 'published_revision'])
        .where('id', '=', link.entityId)
        .executeTakeFirst();
      state = !row ? null : row.status === 'withdrawn' ? 'withdrawn' : row.published_revision !== null ? 'published' : 'unpublished';
    } else {
      const row = await tx.selectFrom(LINK_TABLES[link.entityType]).select('status').where('id', '=', link.entityId).executeTakeFirst();
      state = !row ? null : row.status === 'published' ? 'published' : 'unpublished';
    }
    if (state === null) throw new InputError(field, `第 ${i + 1} 项关联内容（${label}）不存在`);
    if (state === 'withdrawn') throw new InputError(field, `第 ${i + 1} 项关联内容（${label}）已撤回，请取消关联`);
    if (state !== 'published')
      throw new InputError(field, `第 ${i + 1} 项关联内容（${label}）尚未发布：只能关联已发布的内容，审核通过后再添加`);
  }
}

async function assertNumberFree(tx: Tx, number: number, exceptId: string | null): Promise<void> {
  let q = tx.selectFrom('press_conference').select('id').where('number', '=', number);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new InputError('number', `第${number}场发布会已存在`);
}

const conferenceColumns = (input: PressConferenceData) => ({
  number: input.number,
  held_on: input.heldOn,
  starts_at: input.startsAt,
  title: input.title,
  summary: input.summary,
});

/** Replaces the conference's people, agencies, Q&A and links with those of the input. */
async function writeParts(tx: Tx, id: string, input: PressConferenceData): Promise<void> {
  for (const table of ['press_conference_person', 'press_conference_agency', 'press_conference_qa', 'press_conference_link'] as const) {
    await tx.deleteFrom(table).where('conference_id', '=', id).execute();
  }
  for (const [seq, p] of input.people.entries()) {
    await tx
      .insertInto('press_conference_person')
      .values({ conference_id: id, seq, role: p.role, name: p.name, title: p.title, organisation: p.organisation })
      .execute();
  }
  for (const [seq, name] of input.agencies.entries()) {
    await tx.insertInto('press_conference_agency').values({ conference_id: id, seq, name }).execute();
  }
  for (const [seq, q] of input.qa.entries()) {
    await tx
      .insertInto('press_conference_qa')
      .values({ conference_id: id, seq, question: q.question, answer: q.answer, answered_by: q.answeredBy })
      .execute();
  }
  for (const l of input.links) {
    await tx.insertInto('press_conference_link').values({ conference_id: id, entity_type: l.entityType, entity_id: l.entityId }).execute();
  }
}

/** The sequence number to suggest for the next conference: the highest published one plus 1. */
export async function nextPressConferenceNumber(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('press_conference')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('status', '=', 'published')
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** The parts that differ; links compare as a set, everything else in order. */
function changedFields(before: PressConference, after: PressConference): PressConferenceField[] {
  const linkSet = (c: PressConference) => c.links.map((l) => `${l.entityType}:${l.entityId}`).sort();
  return PRESS_CONFERENCE_FIELDS.filter((f) =>
    f === 'links'
      ? JSON.stringify(linkSet(before)) !== JSON.stringify(linkSet(after))
      : JSON.stringify(before[f]) !== JSON.stringify(after[f]),
  );
}

/**
 * Conferences are published directly by a press officer, and edited afterwards: any field, and
 * links added once the report or round they name has been approved. An edit is published at once,
 * like the conference itself; it needs a reason, which the public page shows with the time.
 */
const conferences = publishedDirectly({
  table: 'press_conference',
  auditPrefix: 'press_conference',
  thisItem: '该发布会',
  input: pressConferenceInput,
  editInput: updatePressConferenceInput,
  load: getPressConferenceById,
  async validate(tx, data, self) {
    await assertNumberFree(tx, data.number, self);
    await assertLinksPublished(tx, data.links);
  },
  columns: conferenceColumns,
  published: (actor) => ({ status: 'published', published_by: actor.id }),
  writeChildren: writeParts,
  changes: changedFields,
  log: { table: 'press_conference_update', item: 'conference_id', at: 'updated_at', by: 'updated_by', changes: 'fields_json' },
});

export function publishPressConference(ctx: WriteContext, raw: PressConferenceInput): Promise<PressConference> {
  return conferences.publish(ctx, raw);
}

/** A press officer edits a published conference, at the version they saw and with a reason. */
export function updatePressConference(ctx: WriteContext, raw: UpdatePressConferenceInput): Promise<PressConference> {
  return conferences.edit(ctx, raw);
}
