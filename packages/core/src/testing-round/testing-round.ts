import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { count, districtCode, instant, optionalText } from '../shared/zod.ts';

const optionalCount = count.nullish().transform((v) => v ?? null);

export const testingRoundInput = z
  .object({
    number: z.number().int().min(1, '轮次从 1 开始'),
    startedAt: instant.nullish().transform((v) => v ?? null),
    completedAt: instant.nullish().transform((v) => v ?? null),
    collectionPoints: optionalCount,
    peopleSampled: optionalCount,
    peopleTested: count,
    positives: count,
    summary: optionalText(2000),
    districts: z
      .array(
        z.object({
          districtCode,
          peopleTested: optionalCount,
          positives: optionalCount,
          /** Stated as having no spread in this round. */
          noSpread: z.boolean().default(false),
        }),
      )
      .max(64)
      .default([]),
  })
  .superRefine((r, ctx) => {
    if (r.startedAt && r.completedAt && r.completedAt <= r.startedAt) {
      ctx.addIssue({ code: 'custom', path: ['completedAt'], message: '完成时间必须晚于开始时间' });
    }
    const positives = r.districts.reduce((s, d) => s + (d.positives ?? 0), 0);
    if (positives > r.positives) {
      ctx.addIssue({ code: 'custom', path: ['districts'], message: `各区县阳性合计 ${positives} 超过全市 ${r.positives}` });
    }
    const seen = new Set<string>();
    r.districts.forEach((d, i) => {
      if (seen.has(d.districtCode)) ctx.addIssue({ code: 'custom', path: ['districts', i, 'districtCode'], message: '区县重复' });
      seen.add(d.districtCode);
      if (d.noSpread && (d.positives ?? 0) > 0) {
        ctx.addIssue({ code: 'custom', path: ['districts', i, 'noSpread'], message: '有阳性病例的区县不能标记为未扩散' });
      }
    });
  });
export type TestingRoundInput = z.input<typeof testingRoundInput>;

export interface TestingRound {
  id: string;
  number: number;
  startedAt: string | null;
  completedAt: string | null;
  collectionPoints: number | null;
  peopleSampled: number | null;
  peopleTested: number;
  positives: number;
  summary: string | null;
  status: string;
  publishedAt: string | null;
  districts: Array<{
    districtCode: string;
    districtName: string;
    peopleTested: number | null;
    positives: number | null;
    noSpread: boolean;
  }>;
}

export async function listTestingRounds(db: Executor, filter: { status?: string } = {}): Promise<TestingRound[]> {
  let q = db.selectFrom('testing_round').selectAll().orderBy('number', 'desc');
  if (filter.status) q = q.where('status', '=', filter.status);
  const rows = await q.execute();
  if (rows.length === 0) return [];
  const districts = await db
    .selectFrom('testing_round_district')
    .innerJoin('district', 'district.code', 'testing_round_district.district_code')
    .select([
      'testing_round_district.round_id',
      'testing_round_district.district_code',
      'district.name',
      'testing_round_district.people_tested',
      'testing_round_district.positives',
      'testing_round_district.no_spread',
    ])
    .where(
      'round_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('district.sort_order')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    collectionPoints: r.collection_points,
    peopleSampled: r.people_sampled,
    peopleTested: r.people_tested,
    positives: r.positives,
    summary: r.summary,
    status: r.status,
    publishedAt: r.published_at,
    districts: districts
      .filter((d) => d.round_id === r.id)
      .map((d) => ({
        districtCode: d.district_code,
        districtName: d.name,
        peopleTested: d.people_tested,
        positives: d.positives,
        noSpread: d.no_spread === 1,
      })),
  }));
}

export async function getTestingRound(db: Executor, id: string): Promise<TestingRound> {
  const round = (await listTestingRounds(db)).find((r) => r.id === id);
  if (!round) throw new NotFoundError(`testing round ${id} not found`);
  return round;
}

export async function publishTestingRound(ctx: WriteContext, raw: TestingRoundInput): Promise<TestingRound> {
  const input = testingRoundInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const taken = await tx.selectFrom('testing_round').select('id').where('number', '=', input.number).executeTakeFirst();
    if (taken) throw new InputError('number', `第${input.number}轮已存在`);
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('testing_round')
      .values({
        id,
        number: input.number,
        started_at: input.startedAt,
        completed_at: input.completedAt,
        collection_points: input.collectionPoints,
        people_sampled: input.peopleSampled,
        people_tested: input.peopleTested,
        positives: input.positives,
        summary: input.summary,
        status: 'published',
        version: 1,
        created_at: now,
        created_by: ctx.actor.id,
        published_at: now,
        published_by: ctx.actor.id,
      })
      .execute();
    for (const [i, d] of input.districts.entries()) {
      const known = await tx.selectFrom('district').select('code').where('code', '=', d.districtCode).executeTakeFirst();
      if (!known) throw new InputError(`districts.${i}.districtCode`, `未知的区划代码 ${d.districtCode}`);
      await tx
        .insertInto('testing_round_district')
        .values({
          round_id: id,
          district_code: d.districtCode,
          people_tested: d.peopleTested,
          positives: d.positives,
          no_spread: d.noSpread ? 1 : 0,
        })
        .execute();
    }
    const round = await getTestingRound(tx, id);
    await recordAudit(tx, ctx.actor, ctx.now, { action: 'testing_round.publish', entityType: 'testing_round', entityId: id, after: round });
    return round;
  });
}
