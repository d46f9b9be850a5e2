import { z } from 'zod';
import { calendarDate, districtCode, id, instant, nameText, optionalText, version } from '../shared/zod.ts';

export const ZONE_KINDS = ['district', 'town', 'village', 'community', 'building', 'other'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];
export const ZONE_KIND_LABELS: Record<ZoneKind, string> = {
  district: '全域',
  town: '乡镇/街道',
  village: '村',
  community: '社区/小区',
  building: '楼栋',
  other: '其他',
};

const measure = {
  effectiveAt: instant,
  /** Known only from a list as of this date ('YYYY-MM-DD'): effectiveAt is then 00:00 of it. */
  listedOn: calendarDate.nullish().transform((v) => v ?? null),
  notice: nameText(200),
  note: optionalText(500),
};

export const createZoneInput = z.object({
  districtCode,
  name: nameText(100),
  address: optionalText(200),
  kind: z.enum(ZONE_KINDS, { message: '请选择区域类型' }),
  levelId: z.string().min(1, '请选择等级'),
  plannedEndAt: instant.nullish().transform((v) => v ?? null),
  ...measure,
});

export const sealZoneInput = z.object({
  zoneId: id,
  expectedVersion: version,
  levelId: z.string().min(1, '请选择等级'),
  plannedEndAt: instant.nullish().transform((v) => v ?? null),
  ...measure,
});

export const relevelZoneInput = sealZoneInput;

export const liftZoneInput = z.object({
  zoneId: id,
  expectedVersion: version,
  ...measure,
});

export type CreateZoneInput = z.input<typeof createZoneInput>;
export type SealZoneInput = z.input<typeof sealZoneInput>;
export type LiftZoneInput = z.input<typeof liftZoneInput>;

export const ZONE_SORTS = ['district', 'name', 'level', 'since', 'changed'] as const;
export type ZoneSort = (typeof ZONE_SORTS)[number];
export const ZONE_STATUSES = ['sealed', 'lifted', 'none'] as const;
export type ZoneStatus = (typeof ZONE_STATUSES)[number];

const emptyAsUndefined = (v: unknown) => (v === '' || v === null ? undefined : v);

/** The console's zone list: filters, sort and page. Empty filter values mean "any". */
export const zoneSearchInput = z.object({
  districtCode: z.preprocess(emptyAsUndefined, districtCode.optional()),
  levelId: z.preprocess(emptyAsUndefined, z.string().max(64).optional()),
  status: z.preprocess(emptyAsUndefined, z.enum(ZONE_STATUSES).optional()),
  q: z.preprocess(emptyAsUndefined, z.string().trim().max(100).optional()),
  sort: z.enum(ZONE_SORTS).default('district'),
  dir: z.enum(['asc', 'desc']).default('asc'),
  page: z.number().int().min(1).max(100_000).default(1),
  pageSize: z.number().int().min(1).max(200).default(50),
  /** The moment whose state is shown and filtered on (default: now). */
  at: instant.optional(),
});
export type ZoneSearchInput = z.input<typeof zoneSearchInput>;
