import {
  createZone,
  createZoneInput,
  getZone,
  instant,
  liftZone,
  liftZoneInput,
  listLevelSchemes,
  listZones,
  relevelZone,
  relevelZoneInput,
  sealZone,
  sealZoneInput,
} from '@epi/core/server';
import { z } from 'zod';
import { adminProcedure, publicProcedure, router } from '../trpc.ts';

const atInput = z.object({ at: instant.optional() }).optional();

export const zoneRouter = router({
  /** Level schemes with their levels; one is in force. */
  levelSchemes: publicProcedure.query(({ ctx }) => listLevelSchemes(ctx.db)),
  /** Every zone with its full history and its state at `at` (default: now). */
  list: publicProcedure.input(atInput).query(({ ctx, input }) => listZones(ctx.db, input?.at ?? ctx.now().toISOString())),
  byId: publicProcedure
    .input(z.object({ id: z.string().min(1), at: instant.optional() }))
    .query(({ ctx, input }) => getZone(ctx.db, input.id, input.at ?? ctx.now().toISOString())),
  create: adminProcedure.input(createZoneInput).mutation(async ({ ctx, input }) => {
    const zone = await createZone(ctx.write, input);
    ctx.publisher?.request(`划定管控：${zone.districtName}${zone.name}`);
    return zone;
  }),
  seal: adminProcedure.input(sealZoneInput).mutation(async ({ ctx, input }) => {
    const zone = await sealZone(ctx.write, input);
    ctx.publisher?.request(`重新划定管控：${zone.districtName}${zone.name}`);
    return zone;
  }),
  relevel: adminProcedure.input(relevelZoneInput).mutation(async ({ ctx, input }) => {
    const zone = await relevelZone(ctx.write, input);
    ctx.publisher?.request(`调整等级：${zone.districtName}${zone.name}`);
    return zone;
  }),
  lift: adminProcedure.input(liftZoneInput).mutation(async ({ ctx, input }) => {
    const zone = await liftZone(ctx.write, input);
    ctx.publisher?.request(`解除管控：${zone.districtName}${zone.name}`);
    return zone;
  }),
});
