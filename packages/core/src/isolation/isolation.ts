import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import type { IsolationSnapshotTable } from './table.ts';
import type { FigureCorrection } from '../review/applied-corrections.ts';
import { figureItems, firstItem, replaceDistrictRows } from '../review/figure-rows.ts';
import { assertKnownDistricts } from '../district/district.ts';
import { reviewedFigures } from '../review/review.ts';
import type { FigureStatus, ReviewState } from '../review/schema.ts';
import type { WriteContext } from '../shared/actor.ts';
import { NotFoundError } from '../shared/errors.ts';
import { publishedDirectly, type PublishedEdit } from '../shared/published-directly.ts';
import { atVersion, calendarDate, count, districtCode, instant, optionalText, publishedEdit, requiredText } from '../shared/zod.ts';

const optionalCount = count.nullish().transform((v) => v ?? null);

export const isolationSnapshotInput = z
  .object({
    asOf: instant,
    // Each as stated; left out (null): not stated, never 0.
    sites: optionalCount,
    rooms: optionalCount,
    people: optionalCount,
    closeContacts: optionalCount,
    secondaryContacts: optionalCount,
    transfers: z
      .array(z.object({ districtCode, asOf: instant, people: count }))
      .max(64)
      .default([]),
  })
  .superRefine((s, ctx) => {
    const stated = [s.sites, s.rooms, s.people, s.closeContacts, s.secondaryContacts].some((v) => v !== null);
    if (!stated && s.transfers.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['people'], message: '至少填写一项通报的数字（隔离场所、房间、人数、密接、次密接或区县转运）' });
    }
    const seen = new Set<string>();
    s.transfers.forEach((t, i) => {
      if (seen.has(t.districtCode)) ctx.addIssue({ code: 'custom', path: ['transfers', i, 'districtCode'], message: '区县重复' });
      seen.add(t.districtCode);
    });
  });
export type IsolationSnapshotInput = z.input<typeof isolationSnapshotInput>;
type IsolationSnapshotData = z.output<typeof isolationSnapshotInput>;

/** A returned snapshot, edited and sent for review again. */
export const resubmitIsolationSnapshotInput = isolationSnapshotInput.safeExtend(atVersion);
export type ResubmitIsolationSnapshotInput = z.input<typeof resubmitIsolationSnapshotInput>;

export const FACILITY_STATUSES = ['under_construction', 'in_use', 'closed'] as const;
export type FacilityStatus = (typeof FACILITY_STATUSES)[number];
export const FACILITY_STATUS_LABELS: Record<FacilityStatus, string> = {
  under_construction: '建设中',
  in_use: '已投用',
  closed: '已关闭',
};

const optionalNumber = z
  .number()
  .min(0)
  .nullish()
  .transform((v) => v ?? null);
export const isolationFacilityInput = z.object({
  name: requiredText(100),
  location: requiredText(200),
  rooms: count,
  roomAreaM2: optionalNumber,
  floorAreaM2: optionalNumber,
  siteAreaMu: optionalNumber,
  constructionStartedOn: calendarDate.nullish().transform((v) => v ?? null),
  openedOn: calendarDate.nullish().transform((v) => v ?? null),
  status: z.enum(FACILITY_STATUSES),
  description: optionalText(2000),
});
export type IsolationFacilityInput = z.input<typeof isolationFacilityInput>;
type IsolationFacilityData = z.output<typeof isolationFacilityInput>;

/** A change to a published facility: its new state as a whole, at the version the editor saw, and why. */
export const updateIsolationFacilityInput = isolationFacilityInput.safeExtend(publishedEdit);
export type UpdateIsolationFacilityInput = z.input<typeof updateIsolationFacilityInput>;

/** The facility fields a change can touch, in the order they are shown. */
export const FACILITY_FIELDS = [
  'name',
  'location',
  'status',
  'rooms',
  'roomAreaM2',
  'floorAreaM2',
  'siteAreaMu',
  'constructionStartedOn',
  'openedOn',
  'description',
] as const;
export type FacilityField = (typeof FACILITY_FIELDS)[number];
export const FACILITY_FIELD_LABELS: Record<FacilityField, string> = {
  name: '名称',
  location: '位置',
  status: '状态',
  rooms: '房间数',
  roomAreaM2: '单间面积',
  floorAreaM2: '建筑面积',
  siteAreaMu: '占地面积',
  constructionStartedOn: '开工日期',
  openedOn: '投用日期',
  description: '说明',
};

export interface IsolationSnapshot {
  id: string;
  asOf: string;
  /** Each figure as stated; null: not stated. */
  sites: number | null;
  rooms: number | null;
  people: number | null;
  closeContacts: number | null;
  secondaryContacts: number | null;
  status: FigureStatus;
  version: number;
  publishedAt: string | null;
  /** Corrections made after publication, oldest first: shown publicly next to the figure. */
  corrections: FigureCorrection[];
  transfers: Array<{ districtCode: string; districtName: string; asOf: string; people: number }>;
}

/** A snapshot as staff see it: any status, with where it stands in review. */
export interface StaffIsolationSnapshot extends IsolationSnapshot {
  review: ReviewState;
}

export interface IsolationFacility {
  id: string;
  name: string;
  location: string;
  rooms: number;
  roomAreaM2: number | null;
  floorAreaM2: number | null;
  siteAreaMu: number | null;
  constructionStartedOn: string | null;
  openedOn: string | null;
  status: FacilityStatus;
  description: string | null;
  version: number;
  publishedAt: string | null;
  updatedAt: string;
  /** Changes since publication, oldest first: shown publicly with what each field was before. */
  changes: IsolationFacilityChange[];
}

/** One field a change touched: what it was, and what it is. */
export interface FacilityFieldChange {
  field: FacilityField;
  before: string | number | null;
  after: string | number | null;
}

/** A change to a published facility: the version it produced, when, why, and each field it touched. */
export type IsolationFacilityChange = PublishedEdit<FacilityFieldChange>;

type SnapshotRow = Selectable<IsolationSnapshotTable>;
/** Snapshot rows in one status (every status: null), latest first. */
function snapshots(db: Executor, status: FigureStatus | null) {
  const q = db.selectFrom('isolation_snapshot').selectAll().orderBy('as_of', 'desc');
  return status ? q.where('status', '=', status) : q;
}

function hydrateSnapshots(db: Executor, rows: SnapshotRow[]): Promise<IsolationSnapshot[]> {
  return figureItems(db, 'isolation_snapshot', rows, (r, transfers, corrections) => ({
    id: r.id,
    asOf: r.as_of,
    sites: r.sites,
    rooms: r.rooms,
    people: r.people,
    closeContacts: r.close_contacts,
    secondaryContacts: r.secondary_contacts,
    status: r.status,
    version: r.version,
    publishedAt: r.published_at,
    corrections,
    transfers: transfers.map((t) => ({ districtCode: t.district_code, districtName: t.district_name, asOf: t.as_of, people: t.people })),
  }));
}

/** The published snapshot just before `asOf`: what a snapshot is compared with. */
export async function previousPublishedSnapshot(db: Executor, asOf: string): Promise<IsolationSnapshot | null> {
  return firstItem(db, snapshots(db, 'published').where('as_of', '<', asOf).limit(1).executeTakeFirst(), hydrateSnapshots);
}

function figureColumns(input: IsolationSnapshotData) {
  return {
    as_of: input.asOf,
    sites: input.sites,
    rooms: input.rooms,
    people: input.people,
    close_contacts: input.closeContacts,
    secondary_contacts: input.secondaryContacts,
  };
}

/** Isolation snapshots in review: submitted by a press officer, approved (published) or returned by a different reviewer. */
export const reviewedIsolationSnapshots = reviewedFigures({
  table: 'isolation_snapshot',
  auditPrefix: 'isolation',
  noun: '集中隔离情况',
  input: isolationSnapshotInput,
  resubmitInput: resubmitIsolationSnapshotInput,
  validate: (tx, input) => assertKnownDistricts(tx, input.transfers, 'transfers'),
  columns: figureColumns,
  writeChildren: (tx, id, input) =>
    replaceDistrictRows(
      tx,
      'isolation_snapshot',
      id,
      input.transfers.map((t) => ({ district_code: t.districtCode, as_of: t.asOf, people: t.people })),
    ),
  select: (db, status) => snapshots(db, status).execute(),
  hydrate: hydrateSnapshots,
});

/** Published snapshots, latest first; snapshots in review only when asked for. */
export const listIsolationSnapshots = reviewedIsolationSnapshots.list;
/** Every snapshot in any status (or in one), with where it stands in review: for staff. */
export const listStaffIsolationSnapshots = reviewedIsolationSnapshots.listStaff;
/** One snapshot in any status, with where it stands in review: for staff. */
export const getIsolationSnapshot = reviewedIsolationSnapshots.get;
export const {
  submit: submitIsolationSnapshot,
  resubmit: resubmitIsolationSnapshot,
  approve: approveIsolationSnapshot,
  return: returnIsolationSnapshot,
} = reviewedIsolationSnapshots;

type FacilityRow = Awaited<ReturnType<typeof selectFacilities>>[number];
function selectFacilities(db: Executor, ids?: string[]) {
  let q = db.selectFrom('isolation_facility').selectAll().where('published_at', 'is not', null).orderBy('created_at');
  if (ids) q = q.where('id', 'in', ids.length > 0 ? ids : ['']);
  return q.execute();
}

async function hydrateFacilities(db: Executor, rows: FacilityRow[]): Promise<IsolationFacility[]> {
  const changes = await facilities.editsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    location: r.location,
    rooms: r.rooms,
    roomAreaM2: r.room_area_m2,
    floorAreaM2: r.floor_area_m2,
    siteAreaMu: r.site_area_mu,
    constructionStartedOn: r.construction_started_on,
    openedOn: r.opened_on,
    status: r.status,
    description: r.description,
    version: r.version,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    changes: changes.get(r.id) ?? [],
  }));
}

export async function listIsolationFacilities(db: Executor): Promise<IsolationFacility[]> {
  return hydrateFacilities(db, await selectFacilities(db));
}

export async function getIsolationFacility(db: Executor, id: string): Promise<IsolationFacility> {
  const [found] = await hydrateFacilities(db, await selectFacilities(db, [id]));
  if (!found) throw new NotFoundError(`隔离设施 ${id} 不存在`);
  return found;
}

function facilityColumns(input: IsolationFacilityData) {
  return {
    name: input.name,
    location: input.location,
    rooms: input.rooms,
    room_area_m2: input.roomAreaM2,
    floor_area_m2: input.floorAreaM2,
    site_area_mu: input.siteAreaMu,
    construction_started_on: input.constructionStartedOn,
    opened_on: input.openedOn,
    status: input.status,
    description: input.description,
  };
}

/**
 * Facilities are published directly by a press officer: they describe sites under construction
 * (name, location, status), not figures of the epidemic, so they skip two-person review. An update
 * (under construction → in use, more rooms, the opening date) needs a reason, and the public page
 * keeps what each changed field was before.
 */
const facilities = publishedDirectly({
  table: 'isolation_facility',
  auditPrefix: 'isolation_facility',
  thisItem: '该隔离设施',
  input: isolationFacilityInput,
  editInput: updateIsolationFacilityInput,
  load: getIsolationFacility,
  columns: facilityColumns,
  stamped: (now) => ({ updated_at: now }),
  changes: (before, after) =>
    FACILITY_FIELDS.filter((f) => before[f] !== after[f]).map((f) => ({ field: f, before: before[f], after: after[f] })),
  log: { table: 'isolation_facility_change', item: 'facility_id', at: 'changed_at', by: 'changed_by', changes: 'changes_json' },
});

/** A press officer publishes a facility, without review. */
export function publishIsolationFacility(ctx: WriteContext, raw: IsolationFacilityInput): Promise<IsolationFacility> {
  return facilities.publish(ctx, raw);
}

/** A press officer updates a published facility, with a reason; refused when someone else changed it since, or when nothing changed. */
export function updateIsolationFacility(ctx: WriteContext, raw: UpdateIsolationFacilityInput): Promise<IsolationFacility> {
  return facilities.edit(ctx, raw);
}
