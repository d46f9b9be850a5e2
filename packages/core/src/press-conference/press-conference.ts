import { z } from 'zod';
import type { Executor, Tx } from '../db/database.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { publishedDirectly, type PublishedEdit } from '../shared/published-directly.ts';
import { calendarDate, id, instant, optionalText, publishedEdit, requiredText } from '../shared/zod.ts';
import { CONFERENCE_LEVELS, conferenceName, conferenceSlugBase, slugFromBase, type ConferenceLevel } from './issuer.ts';

export const LINKABLE_TYPES = ['report', 'testing_round', 'isolation_snapshot', 'bulletin'] as const;
export type LinkableType = (typeof LINKABLE_TYPES)[number];
export const LINKABLE_TYPE_LABELS: Record<LinkableType, string> = {
  report: '疫情通报',
  testing_round: '全员核酸检测',
  isolation_snapshot: '集中隔离情况',
  bulletin: '通知公告',
};

export const pressConferenceInput = z.object({
  level: z.enum(CONFERENCE_LEVELS, { message: '请选择发布层级' }),
  /** The body that held it: its conferences are numbered in their own series. */
  issuer: requiredText(100),
  /** Null when the body did not number it (未标明场次). */
  number: z
    .number()
    .int('场次须为整数')
    .min(1, '场次从 1 开始')
    .nullish()
    .transform((v) => v ?? null),
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
export const PRESS_CONFERENCE_FIELDS = [
  'level',
  'issuer',
  'number',
  'heldOn',
  'startsAt',
  'title',
  'people',
  'agencies',
  'summary',
  'links',
  'qa',
] as const;
export type PressConferenceField = (typeof PRESS_CONFERENCE_FIELDS)[number];
export const PRESS_CONFERENCE_FIELD_LABELS: Record<PressConferenceField, string> = {
  level: '发布层级',
  issuer: '发布机构',
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
  level: ConferenceLevel;
  /** The body that held it. */
  issuer: string;
  /** Its number in its body's series, or null (未标明场次). */
  number: number | null;
  /** Its public address: /press-conferences/<slug>/. */
  slug: string;
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

/** Every published conference, latest first: by date, then time (those without a time after), then number. */
export async function listPressConferences(db: Executor): Promise<PressConference[]> {
  return hydrate(
    db,
    await db
      .selectFrom('press_conference')
      .selectAll()
      .where('status', '=', 'published')
      .orderBy('held_on', 'desc')
      .orderBy('starts_at', 'desc')
      .orderBy('number', 'desc')
      .orderBy('created_at', 'desc')
      .execute(),
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
    level: r.issuer_level,
    issuer: r.issuer,
    number: r.number,
    slug: r.slug,
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

/** The published conference at an address; an address it had before resolves to it too. */
export async function getPressConference(db: Executor, slug: string): Promise<PressConference> {
  const row = await db
    .selectFrom('press_conference')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb('slug', '=', slug),
        eb('id', '=', eb.selectFrom('press_conference_alias').select('conference_id').where('slug', '=', slug)),
      ]),
    )
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`press conference ${slug} not found`);
  return (await hydrate(db, [row]))[0]!;
}

/** The addresses conferences had before (old numbered addresses, addresses before an edit), each with where it is now. */
export async function listPressConferenceAliases(db: Executor): Promise<Array<{ from: string; to: string }>> {
  return db
    .selectFrom('press_conference_alias as a')
    .innerJoin('press_conference as c', 'c.id', 'a.conference_id')
    .select(['a.slug as from', 'c.slug as to'])
    .where('c.status', '=', 'published')
    .orderBy('a.slug')
    .execute();
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

/** A number is unique within its body's series (the city's 第2场 and the province's 第2场 are two conferences). */
async function assertNumberFree(tx: Tx, data: PressConferenceData, exceptId: string | null): Promise<void> {
  if (data.number === null) return;
  let q = tx
    .selectFrom('press_conference')
    .select('id')
    .where('issuer_level', '=', data.level)
    .where('issuer', '=', data.issuer)
    .where('number', '=', data.number);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) throw new InputError('number', `${conferenceName(data)}已存在`);
}

/**
 * The conference's address: kept while its level, number (or, unnumbered, its date) stay the same;
 * otherwise a new one, told apart from another conference's by a suffix, and the old one kept as an
 * alias that redirects. A conference takes its address over from an alias: the alias only ever
 * served those who followed a link while a number was wrong.
 */
async function allocateSlug(tx: Tx, data: PressConferenceData, self: string | null): Promise<string> {
  const base = conferenceSlugBase(data);
  const current = self
    ? (await tx.selectFrom('press_conference').select('slug').where('id', '=', self).executeTakeFirstOrThrow()).slug
    : null;
  if (current !== null && slugFromBase(current, base)) return current;
  const taken = async (slug: string) =>
    (await tx.selectFrom('press_conference').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;
  let slug = base;
  for (let n = 2; await taken(slug); n++) slug = `${base}-${n}`;
  await tx.deleteFrom('press_conference_alias').where('slug', '=', slug).execute();
  if (self !== null && current !== null) {
    await tx.insertInto('press_conference_alias').values({ slug: current, conference_id: self }).execute();
  }
  return slug;
}

const conferenceColumns = (input: PressConferenceData) => ({
  issuer_level: input.level,
  issuer: input.issuer,
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
    await assertNumberFree(tx, data, self);
    await assertLinksPublished(tx, data.links);
    return { slug: await allocateSlug(tx, data, self) };
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
