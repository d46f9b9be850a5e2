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
import { atVersion, count, districtCode, instant, optionalText } from '../shared/zod.ts';

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
type TestingRoundData = z.output<typeof testingRoundInput>;

/** A returned round, edited and sent for review again. */
export const resubmitTestingRoundInput = testingRoundInput.safeExtend(atVersion);
export type ResubmitTestingRoundInput = z.input<typeof resubmitTestingRoundInput>;

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
/** Round rows in one status (every status: null), highest number first. */
function rounds(db: Executor, status: FigureStatus | null) {
  const q = db.selectFrom('testing_round').selectAll().orderBy('number', 'desc');
  return status ? q.where('status', '=', status) : q;
}

function hydrate(db: Executor, rows: RoundRow[]): Promise<TestingRound[]> {
  return figureItems(db, 'testing_round', rows, (r, districts, corrections) => ({
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

/** The published round with the highest number below `number`: what a round is compared with. */
export async function previousPublishedRound(db: Executor, number: number): Promise<TestingRound | null> {
  return firstItem(db, rounds(db, 'published').where('number', '<', number).limit(1).executeTakeFirst(), hydrate);
}

/** The number to suggest for a new round: one more than the highest recorded in any status. */
export async function nextTestingRoundNumber(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('testing_round')
    .select((eb) => eb.fn.max('number').as('max'))
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

async function validate(tx: Tx, input: TestingRoundData, self: string | null): Promise<void> {
  let taken = tx.selectFrom('testing_round').select(['id', 'status']).where('number', '=', input.number);
  if (self) taken = taken.where('id', '!=', self);
  const other = await taken.executeTakeFirst();
  if (other) throw new InputError('number', `第${input.number}轮已存在${other.status === 'published' ? '' : '（尚未发布）'}`);
  await assertKnownDistricts(tx, input.districts);
}

function figureColumns(input: TestingRoundData) {
  return {
    number: input.number,
    started_at: input.startedAt,
    completed_at: input.completedAt,
    collection_points: input.collectionPoints,
    people_sampled: input.peopleSampled,
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
