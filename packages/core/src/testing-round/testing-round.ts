import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Executor, Tx } from '../db/database.ts';
import type { TestingRoundTable } from './table.ts';
import type { FigureCorrection } from '../review/applied-corrections.ts';
import { figureItems, firstItem, replaceDistrictRows } from '../review/figure-rows.ts';
import { assertKnownDistricts } from '../district/district.ts';
import { reviewedFigures } from '../review/review.ts';
import type { FigureStatus, ReviewState } from '../review/schema.ts';
import { InputError } from '../shared/errors.ts';
import { formatAsOf } from '../shared/time.ts';
import { atVersion, count, districtCode, instant, optionalText } from '../shared/zod.ts';

const optionalCount = count.nullish().transform((v) => v ?? null);

export const TESTING_STAGES = ['in_progress', 'final'] as const;
export type TestingStage = (typeof TESTING_STAGES)[number];
export const TESTING_STAGE_LABELS: Record<TestingStage, string> = { in_progress: '进行中', final: '已完成' };

/**
 * One statement of a round's figures: while it goes on (figures 截至 a moment: collection points,
 * sampled, sent for testing, results out, positives so far), or its final figures when it has
 * ended. A figure not stated is null.
 */
export const testingRoundInput = z
  .object({
    number: z.number().int().min(1, '轮次从 1 开始'),
    stage: z.enum(TESTING_STAGES, { message: '请选择进行中或已完成' }).default('final'),
    /** The moment the figures stand at; for a round that has ended, its completion time unless stated. */
    asOf: instant.nullish().transform((v) => v ?? null),
    startedAt: instant.nullish().transform((v) => v ?? null),
    completedAt: instant.nullish().transform((v) => v ?? null),
    collectionPoints: optionalCount,
    peopleSampled: optionalCount,
    /** Samples sent for testing (送检). */
    peopleSent: optionalCount,
    /** Results out (已出结果). */
    resultsOut: optionalCount,
    peopleTested: optionalCount,
    positives: optionalCount,
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
    if (r.stage === 'in_progress') {
      if (!r.asOf) ctx.addIssue({ code: 'custom', path: ['asOf'], message: '进行中的轮次请填写数据截至时间' });
      if (r.completedAt)
        ctx.addIssue({ code: 'custom', path: ['completedAt'], message: '进行中的轮次还没有完成时间；已完成请选择“已完成”' });
    } else {
      for (const key of ['peopleTested', 'positives'] as const) {
        if (r[key] === null) ctx.addIssue({ code: 'custom', path: [key], message: '已完成的轮次须填写最终数字' });
      }
    }
    if (r.asOf && r.startedAt && r.asOf <= r.startedAt) {
      ctx.addIssue({ code: 'custom', path: ['asOf'], message: '数据截至时间必须晚于开始时间' });
    }
    // Each stage of the work cannot exceed the one before it.
    const steps = [
      ['peopleSampled', '采样人数'],
      ['peopleSent', '送检人数'],
      ['resultsOut', '已出结果人数'],
    ] as const;
    for (let i = 1; i < steps.length; i += 1) {
      const [before, after] = [steps[i - 1]!, steps[i]!];
      const [a, b] = [r[before[0]], r[after[0]]];
      if (a !== null && b !== null && b > a) {
        ctx.addIssue({ code: 'custom', path: [after[0]], message: `${after[1]} ${b} 超过${before[1]} ${a}` });
      }
    }
    const positives = r.districts.reduce((s, d) => s + (d.positives ?? 0), 0);
    if (r.positives !== null && positives > r.positives) {
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
type TestingRoundData = z.output<typeof testingRoundInput>;

/** A returned round, edited and sent for review again. */
export const resubmitTestingRoundInput = testingRoundInput.safeExtend(atVersion);
export type ResubmitTestingRoundInput = z.input<typeof resubmitTestingRoundInput>;

export interface TestingRound {
  id: string;
  number: number;
  /** Whether these are the round's final figures or figures while it went on. */
  stage: TestingStage;
  /** The moment the figures stand at; null for final figures stated without one. */
  asOf: string | null;
  startedAt: string | null;
  completedAt: string | null;
  collectionPoints: number | null;
  peopleSampled: number | null;
  peopleSent: number | null;
  resultsOut: number | null;
  peopleTested: number | null;
  positives: number | null;
  summary: string | null;
  status: FigureStatus;
  version: number;
  publishedAt: string | null;
  /** Corrections made after publication, oldest first: shown publicly next to the figure. */
  corrections: FigureCorrection[];
  districts: Array<{
    districtCode: string;
    districtName: string;
    peopleTested: number | null;
    positives: number | null;
    noSpread: boolean;
  }>;
}

/** A round as staff see it: any status, with where it stands in review. */
export interface StaffTestingRound extends TestingRound {
  review: ReviewState;
}

type RoundRow = Selectable<TestingRoundTable>;
/** Round rows in one status (every status: null), highest number first, each round's latest figures first. */
function rounds(db: Executor, status: FigureStatus | null) {
  const q = db
    .selectFrom('testing_round')
    .selectAll()
    .orderBy('number', 'desc')
    // 'final' sorts before 'in_progress': a round's final figures first.
    .orderBy('stage', 'asc')
    .orderBy('as_of', 'desc');
  return status ? q.where('status', '=', status) : q;
}

function hydrate(db: Executor, rows: RoundRow[]): Promise<TestingRound[]> {
  return figureItems(db, 'testing_round', rows, (r, districts, corrections) => ({
    id: r.id,
    number: r.number,
    stage: r.stage,
    asOf: r.as_of,
    startedAt: r.started_at,
    completedAt: r.completed_at,
    collectionPoints: r.collection_points,
    peopleSampled: r.people_sampled,
    peopleSent: r.people_sent,
    resultsOut: r.results_out,
    peopleTested: r.people_tested,
    positives: r.positives,
    summary: r.summary,
    status: r.status,
    version: r.version,
    publishedAt: r.published_at,
    corrections,
    districts: districts.map((d) => ({
      districtCode: d.district_code,
      districtName: d.district_name,
      peopleTested: d.people_tested,
      positives: d.positives,
      noSpread: d.no_spread === 1,
    })),
  }));
}

/**
 * What a round's figures are compared with: the same round's published figures from before (its
 * progress so far), else the published round with the highest number below it.
 */
export async function previousPublishedRound(db: Executor, number: number, asOf?: string | null): Promise<TestingRound | null> {
  if (asOf) {
    const earlier = await firstItem(
      db,
      rounds(db, 'published')
        .where('number', '=', number)
        .where('stage', '=', 'in_progress')
        .where('as_of', '<', asOf)
        .limit(1)
        .executeTakeFirst(),
      hydrate,
    );
    if (earlier) return earlier;
  }
  return firstItem(db, rounds(db, 'published').where('number', '<', number).limit(1).executeTakeFirst(), hydrate);
}

/**
 * The number to suggest for the next figures: the highest round recorded in any status while it has
 * no final figures (the round goes on, `ongoing`), else one more.
 */
export async function nextTestingRoundNumber(db: Executor): Promise<{ number: number; ongoing: boolean }> {
  const last = await db
    .selectFrom('testing_round')
    .select(['number', 'stage'])
    .orderBy('number', 'desc')
    .orderBy('as_of', 'desc')
    .executeTakeFirst();
  if (!last) return { number: 1, ongoing: false };
  const final = await db
    .selectFrom('testing_round')
    .select('id')
    .where('number', '=', last.number)
    .where('stage', '=', 'final')
    .executeTakeFirst();
  return final ? { number: last.number + 1, ongoing: false } : { number: last.number, ongoing: true };
}

/** The moment figures stand at: as stated, else a final round's completion time (or none). */
const asOfOf = (input: TestingRoundData) => input.asOf ?? input.completedAt;

async function validate(tx: Tx, input: TestingRoundData, self: string | null): Promise<void> {
  const asOf = asOfOf(input);
  const others = (
    await tx.selectFrom('testing_round').select(['id', 'status', 'stage', 'as_of']).where('number', '=', input.number).execute()
  ).filter((o) => o.id !== self);
  const pending = (o: { status: string }) => (o.status === 'published' ? '' : '（尚未发布）');
  const final = others.find((o) => o.stage === 'final');
  if (final && input.stage === 'final') throw new InputError('number', `第${input.number}轮的最终数据已存在${pending(final)}`);
  if (final && input.stage === 'in_progress' && !final.as_of) {
    throw new InputError('stage', `第${input.number}轮已有最终数据：之后的数字请作为新的一轮录入`);
  }
  if (asOf) {
    const same = others.find((o) => o.as_of !== null && Date.parse(o.as_of) === Date.parse(asOf));
    if (same) throw new InputError('asOf', `第${input.number}轮截至${formatAsOf(asOf)}的数据已存在${pending(same)}`);
    if (final?.as_of && input.stage === 'in_progress' && Date.parse(asOf) > Date.parse(final.as_of)) {
      throw new InputError('asOf', `第${input.number}轮已于${formatAsOf(final.as_of)}结束：之后的数字请作为新的一轮录入`);
    }
    const later = others.find((o) => o.stage === 'in_progress' && o.as_of !== null && Date.parse(o.as_of) > Date.parse(asOf));
    if (input.stage === 'final' && later) {
      throw new InputError('asOf', `第${input.number}轮截至${formatAsOf(later.as_of!)}的进展数据晚于这份最终数据`);
    }
  }
  await assertKnownDistricts(tx, input.districts);
}

function figureColumns(input: TestingRoundData) {
  return {
    number: input.number,
    stage: input.stage,
    as_of: asOfOf(input),
    started_at: input.startedAt,
    completed_at: input.completedAt,
    collection_points: input.collectionPoints,
    people_sampled: input.peopleSampled,
    people_sent: input.peopleSent,
    results_out: input.resultsOut,
    people_tested: input.peopleTested,
    positives: input.positives,
    summary: input.summary,
  };
}

/** A district row of the input, as stored. */
function districtColumns(d: TestingRoundData['districts'][number]) {
  return { district_code: d.districtCode, people_tested: d.peopleTested, positives: d.positives, no_spread: d.noSpread ? 1 : 0 };
}

/** Testing rounds in review: submitted by a press officer, approved (published) or returned by a different reviewer. */
export const reviewedTestingRounds = reviewedFigures({
  table: 'testing_round',
  auditPrefix: 'testing_round',
  noun: '检测轮次',
  input: testingRoundInput,
  resubmitInput: resubmitTestingRoundInput,
  validate,
  columns: figureColumns,
  writeChildren: (tx, id, input) => replaceDistrictRows(tx, 'testing_round', id, input.districts.map(districtColumns)),
  select: (db, status) => rounds(db, status).execute(),
  hydrate,
});

/** Published rounds, highest number first; rounds in review only when asked for. */
export const listTestingRounds = reviewedTestingRounds.list;
/** Every round in any status (or in one), with where it stands in review: for staff. */
export const listStaffTestingRounds = reviewedTestingRounds.listStaff;
/** One round in any status, with where it stands in review: for staff. */
export const getTestingRound = reviewedTestingRounds.get;
export const {
  submit: submitTestingRound,
  resubmit: resubmitTestingRound,
  approve: approveTestingRound,
  return: returnTestingRound,
} = reviewedTestingRounds;
