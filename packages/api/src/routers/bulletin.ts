import {
  createBulletin,
  createBulletinInput,
  getBulletin,
  listBulletins,
  listPublicBulletins,
  publishBulletin,
  publishBulletinInput,
  updateBulletin,
  updateBulletinInput,
} from '@epi/core/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { pressProcedure, publicProcedure, roleProcedure, router } from '../trpc.ts';

const staff = roleProcedure('press_officer', 'reviewer', 'admin');

export const bulletinRouter = router({
  /** Published bulletins as the public sees them. */
  list: publicProcedure.query(({ ctx }) => listPublicBulletins(ctx.db)),
  byId: publicProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const found = (await listPublicBulletins(ctx.db)).find((b) => b.id === input.id);
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: '公告不存在或未发布' });
    return found;
  }),
  /** Every bulletin in every state, for the console. */
  all: staff.query(({ ctx }) => listBulletins(ctx.db)),
  get: staff.input(z.object({ id: z.string().min(1) })).query(({ ctx, input }) => getBulletin(ctx.db, input.id)),
  create: pressProcedure.input(createBulletinInput).mutation(({ ctx, input }) => createBulletin(ctx.write, input)),
  update: pressProcedure.input(updateBulletinInput).mutation(({ ctx, input }) => updateBulletin(ctx.write, input)),
  publish: pressProcedure.input(publishBulletinInput).mutation(async ({ ctx, input }) => {
    const bulletin = await publishBulletin(ctx.write, input);
    ctx.publisher?.request(`发布公告：${bulletin.publishedRevision?.title ?? bulletin.id}`);
    return bulletin;
  }),
});
