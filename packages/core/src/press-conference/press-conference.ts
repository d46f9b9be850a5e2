import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { calendarDate, id, instant, optionalText, requiredText } from '../shared/zod.ts';

export const LINKABLE_TYPES = ['report', 'testing_round', 'isolation_snapshot', 'bulletin'] as const;
export type LinkableType = (typeof LINKABLE_TYPES)[number];

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
  links: z.array(z.object({ entityType: z.enum(LINKABLE_TYPES), entityId: id })).max(50).default([]),
});
export type PressConferenceInput = z.input<typeof pressConferenceInput>;

export interface PressConference {
  id: string;
  number: number;
  heldOn: string;
  startsAt: string | null;
  title: string;
  summary: string;
  publishedAt: string | null;
  people: Array<{ role: 'host' | 'speaker'; name: string; title: string | null; organisation: string | null }>;
  agencies: string[];
  qa: Array<{ question: string; answer: string; answeredBy: string | null }>;
  links: Array<{ entityType: LinkableType; entityId: string }>;
}

export async function listPressConferences(db: Executor): Promise<PressConference[]> {
  const rows = await db.selectFrom('press_conference').selectAll().where('status', '=', 'published').orderBy('number', 'desc').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [people, agencies, qa, links] = await Promise.all([
    db.selectFrom('press_conference_person').selectAll().where('conference_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('press_conference_agency').selectAll().where('conference_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('press_conference_qa').selectAll().where('conference_id', 'in', ids).orderBy('seq').execute(),
    db.selectFrom('press_conference_link').selectAll().where('conference_id', 'in', ids).execute(),
  ]);
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    heldOn: r.held_on,
    startsAt: r.starts_at,
    title: r.title,
    summary: r.summary,
    publishedAt: r.published_at,
    people: people
      .filter((p) => p.conference_id === r.id)
      .map((p) => ({ role: p.role as 'host' | 'speaker', name: p.name, title: p.title, organisation: p.organisation })),
    agencies: agencies.filter((a) => a.conference_id === r.id).map((a) => a.name),
    qa: qa.filter((q) => q.conference_id === r.id).map((q) => ({ question: q.question, answer: q.answer, answeredBy: q.answered_by })),
    links: links.filter((l) => l.conference_id === r.id).map((l) => ({ entityType: l.entity_type as LinkableType, entityId: l.entity_id })),
  }));
}

export async function getPressConference(db: Executor, number: number): Promise<PressConference> {
  const found = (await listPressConferences(db)).find((c) => c.number === number);
  if (!found) throw new NotFoundError(`press conference ${number} not found`);
  return found;
}

const LINK_TABLES = {
  report: 'report',
  testing_round: 'testing_round',
  isolation_snapshot: 'isolation_snapshot',
  bulletin: 'bulletin',
} as const;

export async function publishPressConference(ctx: WriteContext, raw: PressConferenceInput): Promise<PressConference> {
  const input = pressConferenceInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const taken = await tx.selectFrom('press_conference').select('id').where('number', '=', input.number).executeTakeFirst();
    if (taken) throw new InputError('number', `第${input.number}场发布会已存在`);
    for (const [i, link] of input.links.entries()) {
      const found = await tx.selectFrom(LINK_TABLES[link.entityType]).select('id').where('id', '=', link.entityId).executeTakeFirst();
      if (!found) throw new InputError(`links.${i}.entityId`, `关联的${link.entityType}不存在`);
    }
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('press_conference')
      .values({
        id,
        number: input.number,
        held_on: input.heldOn,
        starts_at: input.startsAt,
        title: input.title,
        summary: input.summary,
        status: 'published',
        version: 1,
        created_at: now,
        created_by: ctx.actor.id,
        published_at: now,
        published_by: ctx.actor.id,
      })
      .execute();
    for (const [seq, p] of input.people.entries()) {
      await tx.insertInto('press_conference_person').values({ conference_id: id, seq, role: p.role, name: p.name, title: p.title, organisation: p.organisation }).execute();
    }
    for (const [seq, name] of input.agencies.entries()) {
      await tx.insertInto('press_conference_agency').values({ conference_id: id, seq, name }).execute();
    }
    for (const [seq, q] of input.qa.entries()) {
      await tx.insertInto('press_conference_qa').values({ conference_id: id, seq, question: q.question, answer: q.answer, answered_by: q.answeredBy }).execute();
    }
    for (const l of input.links) {
      await tx.insertInto('press_conference_link').values({ conference_id: id, entity_type: l.entityType, entity_id: l.entityId }).execute();
    }
    const conference = await getPressConference(tx, input.number);
    await recordAudit(tx, ctx.actor, ctx.now, { action: 'press_conference.publish', entityType: 'press_conference', entityId: id, after: conference });
    return conference;
  });
}
