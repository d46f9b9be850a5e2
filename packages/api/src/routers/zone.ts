import {
  approveZoneChange,
  getZone,
  getZoneChange,
  IMPORT_MAX_BYTES,
  instant,
  listLevelSchemes,
  listZoneChanges,
  listZones,
  previewImport,
  previewZoneChange,
  previewZoneSweep,
  returnZoneChange,
  searchZones,
  setLevelSchemeInForce,
  zoneExportFile,
  submitZoneChange,
  submitZoneImport,
  submitZoneSweep,
  zoneChangeInput,
  zoneExportInput,
  ZONE_CHANGE_STATUSES,
  zoneSearchInput,
  zoneSweepInput,
} from '@epi/core/server';
import { z } from 'zod';
import { publicZones } from '../public-zones.ts';
import { adminProcedure, byId, publicProcedure, released, releasedWrite, roleProcedure, router, siteBuildProcedure } from '../trpc.ts';

/** Who decides on changes of zones: a reviewer, or an administrator other than the author. */
const zoneReviewProcedure = roleProcedure('admin', 'reviewer');

const atInput = z.object({ at: instant.optional() }).optional();

/** A page of the public zone list: 100 zones unless asked for fewer or more (at most 500). */
const ZONE_PAGE = 100;
const zoneListInput = z
  .object({
    at: instant.optional(),
    district: z
      .string()
      .regex(/^\d{6}$/, '区划代码为 6 位数字')
      .optional(),
    inForce: z.boolean().optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .optional();

/** A spreadsheet sent as base64: the size limit itself is checked on the decoded bytes. */
const importFileInput = z.object({
  filename: z.string().trim().min(1, '缺少文件名').max(255),
  content: z
    .string()
    .min(1, '文件是空的')
    .max(Math.ceil((IMPORT_MAX_BYTES + 1) / 3) * 4, '文件超过 5 MB，请分成几个文件导入')
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容不是 base64'),
  /** For rows held as possible duplicates: by zone key, the existing zone's id, or 'new'. */
  decisions: z.record(z.string().max(200), z.string().min(1).max(64)).optional(),
});
const fileOf = (input: z.infer<typeof importFileInput>) => ({ filename: input.filename, bytes: Buffer.from(input.content, 'base64') });

export const zoneRouter = router({
  /** Level schemes with their levels; one is in force. */
  levelSchemes: publicProcedure.query(({ ctx }) => listLevelSchemes(ctx.db)),
  /**
   * Zones with their full history and their state at `at` (default: now), a page at a time (at most
   * 500), by county-level unit and only those under control when asked. The list is computed once
   * per change and minute, however many read it (see public-zones.ts).
   */
  list: publicProcedure.input(zoneListInput).query(async ({ ctx, input }) => {
    const { at = null, district, inForce, offset = 0, limit = ZONE_PAGE } = input ?? {};
    const zones = (await publicZones(ctx.db, at, ctx.now())).filter(
      (z) => (!district || z.districtCode === district) && (!inForce || z.underControl),
    );
    return { total: zones.length, offset, items: zones.slice(offset, offset + limit) };
  }),
  /** Every zone at once, for the static site's build (not over HTTP). */
  all: siteBuildProcedure.input(atInput).query(({ ctx, input }) => listZones(ctx.db, input?.at ?? ctx.now().toISOString())),
  byId: publicProcedure
    .input(z.object({ id: z.string().min(1), at: instant.optional() }))
    .query(({ ctx, input }) => getZone(ctx.db, input.id, input.at ?? ctx.now().toISOString())),
  /** What a change of one or several zones would show the public, and what about it needs a reason; writes nothing. */
  previewChange: adminProcedure.input(zoneChangeInput).mutation(({ ctx, input }) => previewZoneChange(ctx.write, input)),
  /** Submits a change of one or several zones for review; nothing is public until a reviewer approves it. */
  submitChange: adminProcedure.input(zoneChangeInput).mutation(({ ctx, input }) => submitZoneChange(ctx.write, input)),
  /** What a notice's sweep ("其余地区调整为低风险") would do; writes nothing. */
  previewSweep: adminProcedure.input(zoneSweepInput).mutation(({ ctx, input }) => previewZoneSweep(ctx.write, input)),
  submitSweep: adminProcedure.input(zoneSweepInput).mutation(({ ctx, input }) => submitZoneSweep(ctx.write, input)),
  /** Changes of zones, newest first: by status, or those naming one zone. */
  changes: zoneReviewProcedure
    .input(z.object({ statuses: z.array(z.enum(ZONE_CHANGE_STATUSES)).optional(), zoneId: z.string().max(64).optional() }).optional())
    .query(({ ctx, input }) => listZoneChanges(ctx.db, input ?? {})),
  change: zoneReviewProcedure.input(byId).query(({ ctx, input }) => getZoneChange(ctx.db, input.id)),
  /** Applies a change waiting for review (not one's own); the public site is rebuilt at once. */
  approveChange: zoneReviewProcedure.input(z.object({ id: z.string().min(1), expectedVersion: z.number().int().min(1) })).mutation(
    released(
      approveZoneChange,
      (change) => `${change.urgent ? '紧急：' : ''}${change.title}`,
      () => '/zones/',
    ),
  ),
  returnChange: zoneReviewProcedure
    .input(z.object({ id: z.string().min(1), expectedVersion: z.number().int().min(1), comment: z.string().max(1000) }))
    .mutation(({ ctx, input }) => returnZoneChange(ctx.write, input)),
  /** The console's list: filtered, sorted and paged, with the state at `at` (default: now). */
  search: adminProcedure
    .input(zoneSearchInput.optional())
    .query(({ ctx, input }) => searchZones(ctx.db, input ?? {}, ctx.now().toISOString())),
  /** What importing a spreadsheet would do, row by row. Writes nothing; a mutation because its input is a file. */
  importPreview: adminProcedure
    .input(importFileInput)
    .mutation(({ ctx, input }) => previewImport(ctx.db, fileOf(input), ctx.now(), input.decisions)),
  /**
   * Submits a previewed spreadsheet for review (CONFLICT when the zones changed since the preview);
   * approved, all of it applies in one transaction, or nothing.
   */
  importSubmit: adminProcedure
    .input(
      importFileInput.extend({
        fingerprint: z.string().regex(/^[0-9a-f]{64}$/, '缺少预览结果，请先预览'),
        urgent: z.boolean().default(false),
        reason: z.string().trim().max(1000).nullish(),
      }),
    )
    .mutation(({ ctx, input }) => submitZoneImport(ctx.write, fileOf(input), input.fingerprint, input.decisions ?? {}, input)),
  /** A download for admins: the zone list as it stands, every recorded change, or the import template. */
  export: adminProcedure.input(zoneExportInput).query(({ ctx, input }) => zoneExportFile(ctx.db, input, ctx.now())),
  /** Puts a level scheme in force for new seals and re-levels; zones keep their level. */
  setLevelScheme: adminProcedure
    .input(z.object({ schemeId: z.string().min(1, '请选择等级体系').max(64) }))
    .mutation(async ({ ctx, input }) => {
      const { changed } = await releasedWrite(
        ctx,
        (w) => setLevelSchemeInForce(w, input.schemeId),
        (r) => (r.changed ? { reason: `启用等级体系：${r.scheme.name}`, path: '/zones/' } : null),
      );
      return { changed, schemes: await listLevelSchemes(ctx.db) };
    }),
});
