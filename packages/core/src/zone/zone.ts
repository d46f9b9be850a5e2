import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { schemeInForce } from './levels.ts';
import { getDateWindow, outsideWindow } from './window.ts';
import { beijingDayStart } from '../shared/time.ts';
import {
  createZoneInput,
  liftZoneInput,
  relevelZoneInput,
  sealZoneInput,
  type CreateZoneInput,
  type LiftZoneInput,
  type SealZoneInput,
  type ZoneKind,
} from './schema.ts';
import {
  checkNextZoneEvent,
  foldZoneEvents,
  ZoneTransitionError,
  type ZoneAction,
  type ZoneEventLike,
  type ZoneState,
} from './state-machine.ts';

export interface ZoneEvent extends ZoneEventLike {
  id: string;
  seq: number;
  levelName: string | null;
  plannedEndAt: string | null;
  /** 'YYYY-MM-DD' when the change is known only from a list as of that date (no start was stated). */
  listedOn: string | null;
  notice: string;
  note: string | null;
  recordedAt: string;
  recordedByName: string;
  /** The reviewed change that applied it (null for events recorded before changes were reviewed). */
  changeId: string | null;
}

/** One correction of a zone, in words: what it was, what it is, and why. */
export interface ZoneCorrection {
  id: string;
  correctedAt: string;
  reason: string;
  changes: Array<{ label: string; before: string; after: string }>;
}

export interface ZoneView {
  id: string;
  /** The county-level unit (区、县、县级市 or 开发区) the zone lies in. */
  districtCode: string;
  districtName: string;
  /** The city of that unit (null only for a unit the divisions do not place in a city). */
  cityCode: string | null;
  cityName: string | null;
  /** In one of the portal's own districts; false for the province's other areas. */
  home: boolean;
  name: string;
  address: string | null;
  kind: ZoneKind;
  version: number;
  /** State at the moment asked for. */
  state: ZoneState;
  level: { id: string; name: string; severity: number; schemeId: string; control: boolean } | null;
  /** Designated at the moment asked for at a level that is a control level (not 低风险). */
  underControl: boolean;
  /** Every recorded event, including those announced for later than the moment asked for (not those taken out by a correction). */
  events: ZoneEvent[];
  /** Corrections applied to the zone or its history, oldest first: shown to the public with their reason. */
  corrections: ZoneCorrection[];
  /** Events recorded but not yet in effect at the moment asked for. */
  upcoming: ZoneEvent[];
  lastChangedAt: string;
}

async function loadEvents(db: Executor, zoneIds?: string[]): Promise<Map<string, ZoneEvent[]>> {
  let q = db
    .selectFrom('zone_event')
    .leftJoin('zone_level', 'zone_level.id', 'zone_event.level_id')
    .select([
      'zone_event.id',
      'zone_event.zone_id',
      'zone_event.seq',
      'zone_event.action',
      'zone_event.level_id',
      'zone_level.name as level_name',
      'zone_event.effective_at',
      'zone_event.planned_end_at',
      'zone_event.listed_on',
      'zone_event.notice',
      'zone_event.note',
      'zone_event.recorded_at',
      'zone_event.recorded_by_name',
      'zone_event.change_id',
    ])
    // An event taken out by a correction stays on record, out of the history.
    .where('zone_event.voided_at', 'is', null)
    .orderBy('zone_event.zone_id')
    .orderBy('zone_event.seq');
  if (zoneIds) q = q.where('zone_event.zone_id', 'in', zoneIds);
  const rows = await q.execute();
  const byZone = new Map<string, ZoneEvent[]>();
  for (const r of rows) {
    const list = byZone.get(r.zone_id) ?? [];
    list.push({
      id: r.id,
      seq: r.seq,
      action: r.action as ZoneAction,
      levelId: r.level_id,
      levelName: r.level_name ?? null,
      effectiveAt: r.effective_at,
      plannedEndAt: r.planned_end_at,
      listedOn: r.listed_on,
      notice: r.notice,
      note: r.note,
      recordedAt: r.recorded_at,
      recordedByName: r.recorded_by_name,
      changeId: r.change_id,
    });
    byZone.set(r.zone_id, list);
  }
  return byZone;
}

async function loadCorrections(db: Executor, zoneIds?: string[]): Promise<Map<string, ZoneCorrection[]>> {
  let q = db.selectFrom('zone_correction').selectAll().orderBy('corrected_at').orderBy('id');
  if (zoneIds) q = q.where('zone_id', 'in', zoneIds);
  const byZone = new Map<string, ZoneCorrection[]>();
  for (const r of await q.execute()) {
    const list = byZone.get(r.zone_id) ?? [];
    list.push({ id: r.id, correctedAt: r.corrected_at, reason: r.reason, changes: JSON.parse(r.changes) as ZoneCorrection['changes'] });
    byZone.set(r.zone_id, list);
  }
  return byZone;
}

/**
 * Where a zone's county comes in lists, for a query joining the county as `county` and the city's
 * own districts as `district`: the city's districts first, in their official order; then the
 * province's other counties in the order of the division codes.
 */
export const PLACE_ORDER = sql<number>`case when district.code is null then 100000 + county.sort_order else district.sort_order end`;

/** All zones with their history and their state at `at` (ISO instant). */
export async function listZones(db: Executor, at: string, filter: { zoneIds?: string[] } = {}): Promise<ZoneView[]> {
  let q = db
    .selectFrom('zone')
    .innerJoin('division as county', 'county.code', 'zone.district_code')
    .leftJoin('division as city', 'city.code', 'county.parent_code')
    .leftJoin('district', 'district.code', 'zone.district_code')
    .select([
      'zone.id',
      'zone.district_code',
      'county.name as district_name',
      'city.code as city_code',
      'city.name as city_name',
      'district.code as home_code',
      'zone.name',
      'zone.address',
      'zone.kind',
      'zone.version',
    ])
    .orderBy(PLACE_ORDER)
    .orderBy('zone.name');
  if (filter.zoneIds) q = q.where('zone.id', 'in', filter.zoneIds);
  const [zones, events, levels, corrections] = await Promise.all([
    q.execute(),
    loadEvents(db, filter.zoneIds),
    db.selectFrom('zone_level').selectAll().execute(),
    loadCorrections(db, filter.zoneIds),
  ]);
  const levelById = new Map(levels.map((l) => [l.id, l]));
  return zones.map((z) => {
    const history = events.get(z.id) ?? [];
    const state = foldZoneEvents(history, at);
    const level = state.status === 'sealed' ? levelById.get(state.levelId) : undefined;
    return {
      id: z.id,
      districtCode: z.district_code,
      districtName: z.district_name,
      cityCode: z.city_code ?? null,
      cityName: z.city_name ?? null,
      home: z.home_code !== null,
      name: z.name,
      address: z.address,
      kind: z.kind as ZoneKind,
      version: z.version,
      state,
      level: level
        ? { id: level.id, name: level.name, severity: level.severity, schemeId: level.scheme_id, control: level.control === 1 }
        : null,
      underControl: level?.control === 1,
      events: history,
      corrections: corrections.get(z.id) ?? [],
      upcoming: history.filter((e) => e.effectiveAt > at),
      lastChangedAt: history.reduce((max, e) => (e.recordedAt > max ? e.recordedAt : max), ''),
    };
  });
}

export async function getZone(db: Executor, zoneId: string, at: string): Promise<ZoneView> {
  const [zone] = await listZones(db, at, { zoneIds: [zoneId] });
  if (!zone) throw new NotFoundError(`zone ${zoneId} not found`);
  return zone;
}

async function assertLevelInForce(db: Executor, levelId: string): Promise<void> {
  const scheme = await schemeInForce(db);
  if (!scheme.levels.some((l) => l.id === levelId)) {
    throw new InputError('levelId', `等级不属于当前启用的等级体系（${scheme.name}）`);
  }
}

/**
 * A write of zones: as every write, and, when it applies a reviewed change, the change (named on the
 * events it records) and its author (who recorded them; the audit entry names who applied them).
 */
export type ZoneWriteContext = WriteContext & { changeId?: string; author?: { id: string | null; name: string } };

async function appendEvent(
  ctx: ZoneWriteContext,
  zoneId: string,
  expectedVersion: number | null,
  event: ZoneEventLike & { plannedEndAt: string | null; listedOn: string | null; notice: string; note: string | null },
): Promise<ZoneView> {
  return inTransaction(ctx.db, async (tx) => {
    const now = ctx.now.toISOString();
    const window = await getDateWindow(tx, ctx.now);
    for (const field of ['effectiveAt', 'plannedEndAt'] as const) {
      const outside = event[field] ? outsideWindow(window, event[field]) : null;
      if (outside) throw new InputError(field, outside);
    }
    if (event.listedOn && event.effectiveAt !== beijingDayStart(event.listedOn)) {
      throw new InputError('effectiveAt', '只有名单日期的变更，生效时间为名单日期 0 时');
    }
    const before = await getZone(tx, zoneId, now);
    if (expectedVersion !== null) assertZoneVersion(before, expectedVersion);
    try {
      checkNextZoneEvent(before.events, event);
    } catch (e) {
      if (e instanceof ZoneTransitionError) throw new InputError(e.field, e.message);
      throw e;
    }
    // After every event on record, those taken out by a correction included.
    const last = await tx
      .selectFrom('zone_event')
      .select((eb) => eb.fn.max('seq').as('seq'))
      .where('zone_id', '=', zoneId)
      .executeTakeFirst();
    const seq = (last?.seq ?? 0) + 1;
    await tx
      .insertInto('zone_event')
      .values({
        id: newId(),
        zone_id: zoneId,
        seq,
        action: event.action,
        level_id: event.levelId,
        effective_at: event.effectiveAt,
        planned_end_at: event.plannedEndAt,
        listed_on: event.listedOn,
        notice: event.notice,
        note: event.note,
        recorded_at: now,
        recorded_by: (ctx.author ?? ctx.actor).id,
        recorded_by_name: (ctx.author ?? ctx.actor).name,
        change_id: ctx.changeId ?? null,
      })
      .execute();
    await bumpZoneVersion(tx, before, now);
    const after = await getZone(tx, zoneId, now);
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: `zone.${event.action}`,
      entityType: 'zone',
      entityId: zoneId,
      before: summarise(before),
      after: summarise(after),
      reason: event.notice,
    });
    return after;
  });
}

/** A change of a zone is made to the version the person saw, or not at all. */
export function assertZoneVersion(zone: { version: number }, expected: number): void {
  if (zone.version !== expected) {
    throw new ConflictError(
      `该区域已被其他人修改（当前版本 ${zone.version}，你编辑的是版本 ${expected}），请刷新后重试`,
      'expectedVersion',
    );
  }
}

/** The next version of a zone, written only over the version read (another writer in between: conflict). */
export async function bumpZoneVersion(tx: Executor, zone: { id: string; version: number }, now: string): Promise<void> {
  const updated = await tx
    .updateTable('zone')
    .set({ version: zone.version + 1, updated_at: now })
    .where('id', '=', zone.id)
    .where('version', '=', zone.version)
    .executeTakeFirst();
  if (updated.numUpdatedRows !== 1n) throw new ConflictError('该区域已被其他人修改，请刷新后重试', 'expectedVersion');
}

/** What the audit log keeps of a zone before and after a change. */
export function summarise(z: ZoneView) {
  return {
    name: z.name,
    districtCode: z.districtCode,
    version: z.version,
    state: z.state,
    lastEvent: z.events.at(-1) ?? null,
  };
}

export async function createZone(ctx: ZoneWriteContext, raw: CreateZoneInput): Promise<ZoneView> {
  const input = createZoneInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const county = await tx
      .selectFrom('division')
      .select('code')
      .where('code', '=', input.districtCode)
      .where('level', '=', 'county')
      .executeTakeFirst();
    if (!county) throw new InputError('districtCode', `未知的县级区划代码 ${input.districtCode}`);
    await assertLevelInForce(tx, input.levelId);
    const existing = await tx
      .selectFrom('zone')
      .select('id')
      .where('district_code', '=', input.districtCode)
      .where('name', '=', input.name)
      .executeTakeFirst();
    if (existing) throw new InputError('name', '该区县下已有同名区域，请在该区域页面操作');
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('zone')
      .values({
        id,
        district_code: input.districtCode,
        name: input.name,
        address: input.address,
        kind: input.kind,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'zone.create',
      entityType: 'zone',
      entityId: id,
      after: { districtCode: input.districtCode, name: input.name, address: input.address, kind: input.kind },
    });
    return appendEvent({ ...ctx, db: tx }, id, null, {
      action: 'seal',
      levelId: input.levelId,
      effectiveAt: input.effectiveAt,
      plannedEndAt: input.plannedEndAt,
      listedOn: input.listedOn,
      notice: input.notice,
      note: input.note,
    });
  });
}

export async function sealZone(ctx: ZoneWriteContext, raw: SealZoneInput): Promise<ZoneView> {
  const input = sealZoneInput.parse(raw);
  await assertLevelInForce(ctx.db, input.levelId);
  return appendEvent(ctx, input.zoneId, input.expectedVersion, { action: 'seal', ...input });
}

export async function relevelZone(ctx: ZoneWriteContext, raw: SealZoneInput): Promise<ZoneView> {
  const input = relevelZoneInput.parse(raw);
  await assertLevelInForce(ctx.db, input.levelId);
  return appendEvent(ctx, input.zoneId, input.expectedVersion, { action: 'relevel', ...input });
}

export async function liftZone(ctx: ZoneWriteContext, raw: LiftZoneInput): Promise<ZoneView> {
  const input = liftZoneInput.parse(raw);
  return appendEvent(ctx, input.zoneId, input.expectedVersion, {
    action: 'lift',
    levelId: null,
    plannedEndAt: null,
    effectiveAt: input.effectiveAt,
    listedOn: input.listedOn,
    notice: input.notice,
    note: input.note,
  });
}
