import {
  applyImport,
  createZone,
  createZoneInput,
  getZone,
  IMPORT_MAX_BYTES,
  instant,
  liftZone,
  liftZoneInput,
  listLevelSchemes,
  listZones,
  previewImport,
  relevelZone,
  relevelZoneInput,
  sealZone,
  sealZoneInput,
  searchZones,
  setLevelSchemeInForce,
  zoneExportFile,
  zoneExportInput,
  zoneSearchInput,
} from '@epi/core/server';
import { z } from 'zod';
import { adminProcedure, publicProcedure, released, router } from '../trpc.ts';

const atInput = z.object({ at: instant.optional() }).optional();

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
  /** Every zone with its full history and its state at `at` (default: now). */
  list: publicProcedure.input(atInput).query(({ ctx, input }) => listZones(ctx.db, input?.at ?? ctx.now().toISOString())),
  byId: publicProcedure
    .input(z.object({ id: z.string().min(1), at: instant.optional() }))
    .query(({ ctx, input }) => getZone(ctx.db, input.id, input.at ?? ctx.now().toISOString())),
  create: adminProcedure.input(createZoneInput).mutation(released(createZone, (zone) => `划定管控：${zone.districtName}${zone.name}`)),
  seal: adminProcedure.input(sealZoneInput).mutation(released(sealZone, (zone) => `重新划定管控：${zone.districtName}${zone.name}`)),
  relevel: adminProcedure.input(relevelZoneInput).mutation(released(relevelZone, (zone) => `调整等级：${zone.districtName}${zone.name}`)),
  lift: adminProcedure.input(liftZoneInput).mutation(released(liftZone, (zone) => `解除管控：${zone.districtName}${zone.name}`)),
  /** The console's list: filtered, sorted and paged, with the state at `at` (default: now). */
  search: adminProcedure
    .input(zoneSearchInput.optional())
    .query(({ ctx, input }) => searchZones(ctx.db, input ?? {}, ctx.now().toISOString())),
  /** What importing a spreadsheet would do, row by row. Writes nothing; a mutation because its input is a file. */
  importPreview: adminProcedure
    .input(importFileInput)
    .mutation(({ ctx, input }) => previewImport(ctx.db, fileOf(input), ctx.now(), input.decisions)),
  /** Applies a previewed spreadsheet: all of it in one transaction, or nothing (CONFLICT when the zones changed since). */
  importApply: adminProcedure
    .input(importFileInput.extend({ fingerprint: z.string().regex(/^[0-9a-f]{64}$/, '缺少预览结果，请先预览') }))
    .mutation(async ({ ctx, input }) => {
      const result = await applyImport(ctx.write, fileOf(input), input.fingerprint, input.decisions);
      const { seal, relevel, lift } = result.summary;
      ctx.publisher?.request(`批量导入：${result.filename}（新划定 ${seal}、调整等级 ${relevel}、解除 ${lift}）`);
      return result;
    }),
  /** A download for admins: the zone list as it stands, every recorded change, or the import template. */
  export: adminProcedure.input(zoneExportInput).query(({ ctx, input }) => zoneExportFile(ctx.db, input, ctx.now())),
  /** Puts a level scheme in force for new seals and re-levels; zones keep their level. */
  setLevelScheme: adminProcedure
    .input(z.object({ schemeId: z.string().min(1, '请选择等级体系').max(64) }))
    .mutation(async ({ ctx, input }) => {
      const { changed, scheme } = await setLevelSchemeInForce(ctx.write, input.schemeId);
      if (changed) ctx.publisher?.request(`启用等级体系：${scheme.name}`);
      return { changed, schemes: await listLevelSchemes(ctx.db) };
    }),
});
