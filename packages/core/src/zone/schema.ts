import { z } from 'zod';
import { districtCode, id, instant, optionalText, requiredText, version } from '../shared/zod.ts';

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
  notice: requiredText(200),
  note: optionalText(500),
};

export const createZoneInput = z.object({
  districtCode,
  name: requiredText(100),
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
