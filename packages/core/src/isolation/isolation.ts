import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { InputError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { calendarDate, count, districtCode, instant, optionalText, requiredText } from '../shared/zod.ts';

const optionalCount = count.nullish().transform((v) => v ?? null);

export const isolationSnapshotInput = z.object({
  asOf: instant,
  sites: count,
  rooms: count,
  people: count,
  closeContacts: optionalCount,
  secondaryContacts: optionalCount,
  transfers: z
    .array(z.object({ districtCode, asOf: instant, people: count }))
    .max(64)
    .default([]),
});
export type IsolationSnapshotInput = z.input<typeof isolationSnapshotInput>;

export const FACILITY_STATUSES = ['under_construction', 'in_use', 'closed'] as const;
export const FACILITY_STATUS_LABELS: Record<(typeof FACILITY_STATUSES)[number], string> = {
  under_construction: '建设中',
  in_use: '已投用',
  closed: '已关闭',
};

const optionalNumber = z.number().min(0).nullish().transform((v) => v ?? null);
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

export interface IsolationSnapshot {
  id: string;
  asOf: string;
  sites: number;
  rooms: number;
  people: number;
  closeContacts: number | null;
  secondaryContacts: number | null;
  publishedAt: string | null;
  transfers: Array<{ districtCode: string; districtName: string; asOf: string; people: number }>;
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
  status: (typeof FACILITY_STATUSES)[number];
  description: string | null;
  updatedAt: string;
}

export async function listIsolationSnapshots(db: Executor): Promise<IsolationSnapshot[]> {
  const rows = await db.selectFrom('isolation_snapshot').selectAll().where('status', '=', 'published').orderBy('as_of', 'desc').execute();
  if (rows.length === 0) return [];
  const transfers = await db
    .selectFrom('isolation_transfer')
    .innerJoin('district', 'district.code', 'isolation_transfer.district_code')
    .select(['snapshot_id', 'district_code', 'district.name', 'as_of', 'people'])
    .where(
      'snapshot_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('district.sort_order')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    asOf: r.as_of,
    sites: r.sites,
    rooms: r.rooms,
    people: r.people,
    closeContacts: r.close_contacts,
    secondaryContacts: r.secondary_contacts,
    publishedAt: r.published_at,
    transfers: transfers
      .filter((t) => t.snapshot_id === r.id)
      .map((t) => ({ districtCode: t.district_code, districtName: t.name, asOf: t.as_of, people: t.people })),
  }));
}

export async function publishIsolationSnapshot(ctx: WriteContext, raw: IsolationSnapshotInput): Promise<IsolationSnapshot> {
  const input = isolationSnapshotInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('isolation_snapshot')
      .values({
        id,
        as_of: input.asOf,
        sites: input.sites,
        rooms: input.rooms,
        people: input.people,
        close_contacts: input.closeContacts,
        secondary_contacts: input.secondaryContacts,
        status: 'published',
        version: 1,
        created_at: now,
        created_by: ctx.actor.id,
        published_at: now,
        published_by: ctx.actor.id,
      })
      .execute();
    for (const [i, t] of input.transfers.entries()) {
      const known = await tx.selectFrom('district').select('code').where('code', '=', t.districtCode).executeTakeFirst();
      if (!known) throw new InputError(`transfers.${i}.districtCode`, `未知的区划代码 ${t.districtCode}`);
      await tx.insertInto('isolation_transfer').values({ snapshot_id: id, district_code: t.districtCode, as_of: t.asOf, people: t.people }).execute();
    }
    const snapshot = (await listIsolationSnapshots(tx)).find((s) => s.id === id)!;
    await recordAudit(tx, ctx.actor, ctx.now, { action: 'isolation.publish', entityType: 'isolation_snapshot', entityId: id, after: snapshot });
    return snapshot;
  });
}

export async function listIsolationFacilities(db: Executor): Promise<IsolationFacility[]> {
  const rows = await db.selectFrom('isolation_facility').selectAll().where('published_at', 'is not', null).orderBy('created_at').execute();
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
    status: r.status as IsolationFacility['status'],
    description: r.description,
    updatedAt: r.updated_at,
  }));
}

export async function publishIsolationFacility(ctx: WriteContext, raw: IsolationFacilityInput): Promise<IsolationFacility> {
  const input = isolationFacilityInput.parse(raw);
  return inTransaction(ctx.db, async (tx) => {
    const id = newId();
    const now = ctx.now.toISOString();
    await tx
      .insertInto('isolation_facility')
      .values({
        id,
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
        version: 1,
        created_at: now,
        created_by: ctx.actor.id,
        published_at: now,
        updated_at: now,
      })
      .execute();
    const facility = (await listIsolationFacilities(tx)).find((f) => f.id === id)!;
    await recordAudit(tx, ctx.actor, ctx.now, { action: 'isolation_facility.publish', entityType: 'isolation_facility', entityId: id, after: facility });
    return facility;
  });
}
