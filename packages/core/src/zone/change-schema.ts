// Changes of zones as they go through review: what a change may hold, what it is called, and the
// warnings that need a written reason. Browser-safe: the console's forms use these too.
import { z } from 'zod';
import { atVersion, calendarDate, districtCode, id, instant, nameText, optionalText, requiredText, version } from '../shared/zod.ts';
import { createZoneInput, liftZoneInput, relevelZoneInput, sealZoneInput, ZONE_KINDS } from './schema.ts';

/**
 * A correction of a zone: its place (name, county, type, address) as it should have been, and
 * recorded changes as they should have been, or taken out as recorded in error. Unnamed events stay
 * as they are. The public reason is shown on the zone's page and in the site's corrections.
 */
export const correctZoneInput = z.object({
  zoneId: id,
  expectedVersion: version,
  place: z
    .object({
      districtCode,
      name: nameText(100),
      address: optionalText(200),
      kind: z.enum(ZONE_KINDS, { message: '请选择区域类型' }),
    })
    .optional(),
  events: z
    .array(
      z.object({
        eventId: id,
        /** Recorded in error: taken out of the history (kept on record, never shown or counted). */
        void: z.boolean().default(false),
        levelId: z
          .string()
          .min(1)
          .nullish()
          .transform((v) => v ?? null),
        effectiveAt: instant,
        plannedEndAt: instant.nullish().transform((v) => v ?? null),
        listedOn: calendarDate.nullish().transform((v) => v ?? null),
        notice: nameText(200),
        note: optionalText(500),
      }),
    )
    .max(200)
    .default([]),
  /** Why, in words the public reads ('名称录入有误'). */
  reason: requiredText(500),
});
export type CorrectZoneInput = z.input<typeof correctZoneInput>;

/**
 * What a change does: one operation on one zone (a new designation, a seal again, a new level, a
 * lift), a notice's sweep of the other areas of a place, a correction, an imported file, or several
 * operations at once (a whole district and the areas inside it).
 */
export const ZONE_CHANGE_KINDS = ['create', 'seal', 'relevel', 'lift', 'sweep', 'correct', 'import', 'mixed'] as const;
export type ZoneChangeKind = (typeof ZONE_CHANGE_KINDS)[number];
export const ZONE_CHANGE_KIND_LABELS: Record<ZoneChangeKind, string> = {
  create: '新划定',
  seal: '重新划定',
  relevel: '调整等级',
  lift: '解除管控',
  sweep: '其余地区统一调整',
  correct: '更正',
  import: '批量导入',
  mixed: '多项变更',
};

/** A change waits for review, was returned (closed: a new one is prepared instead), or was applied. */
export const ZONE_CHANGE_STATUSES = ['in_review', 'returned', 'published'] as const;
export type ZoneChangeStatus = (typeof ZONE_CHANGE_STATUSES)[number];
export const ZONE_CHANGE_STATUS_LABELS: Record<ZoneChangeStatus, string> = {
  in_review: '待审核',
  returned: '已退回',
  published: '已生效',
};

/** One operation on one zone, with the input its write function takes. */
export const zoneOperation = z.discriminatedUnion('op', [
  z.object({ op: z.literal('create'), input: createZoneInput }),
  z.object({ op: z.literal('seal'), input: sealZoneInput }),
  z.object({ op: z.literal('relevel'), input: relevelZoneInput }),
  z.object({ op: z.literal('lift'), input: liftZoneInput }),
  z.object({ op: z.literal('correct'), input: correctZoneInput }),
]);
export type ZoneOperation = z.output<typeof zoneOperation>;
export type ZoneOperationInput = z.input<typeof zoneOperation>;

/** Whether the change needs to go live at once: a reviewer sees it first, and its approval publishes without waiting. */
const submission = {
  urgent: z.boolean().default(false),
  /** Why, when the change carries warnings (a whole district, backdated, far ahead). */
  reason: optionalText(1000),
};

export const zoneChangeInput = z.object({
  operations: z.array(zoneOperation).min(1, '没有要提交的变更').max(1000, '一次最多提交 1000 项变更'),
  ...submission,
});
export type ZoneChangeInput = z.input<typeof zoneChangeInput>;

/**
 * A notice's sweep: "其余地区调整为低风险". Every zone of the place (a county, or a whole city) at a
 * level more severe than `levelId` at `effectiveAt` takes that level, except those the notice keeps.
 */
export const zoneSweepInput = z.object({
  scopeCode: z.string().regex(/^\d{4}(\d{2})?$/, '请选择县级或市级区划'),
  levelId: z.string().min(1, '请选择等级'),
  effectiveAt: instant,
  listedOn: calendarDate.nullish().transform((v) => v ?? null),
  notice: nameText(200),
  note: optionalText(500),
  /** Zones the notice names at their own level: left as they are. */
  keep: z.array(id).max(5000).default([]),
  ...submission,
});
export type ZoneSweepInput = z.input<typeof zoneSweepInput>;

/** Warnings that a change is more than an ordinary one: each needs a written reason to submit. */
export const ZONE_WARNING_CODES = ['wide', 'backdated', 'ahead'] as const;
export type ZoneWarningCode = (typeof ZONE_WARNING_CODES)[number];

/** How far back a start may lie, and how far ahead, before the change needs a reason. */
export const BACKDATED_AFTER_MS = 24 * 3600_000;
export const AHEAD_AFTER_MS = 7 * 24 * 3600_000;

export interface ZoneWarning {
  code: ZoneWarningCode;
  /** How many of the change's events it concerns. */
  count: number;
  message: string;
}

export const decideZoneChangeInput = z.object(atVersion);
export const returnZoneChangeInput = z.object({ ...atVersion, comment: requiredText(1000) });
