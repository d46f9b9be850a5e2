import {
  getPressConference,
  getPressConferenceById,
  listPressConferences,
  nextPressConferenceNumber,
  pressConferenceInput,
  publishPressConference,
  updatePressConference,
  updatePressConferenceInput,
} from '@epi/core/server';
import { z } from 'zod';
import { pressProcedure, publicProcedure, router } from '../trpc.ts';

export const pressConferenceRouter = router({
  list: publicProcedure.query(({ ctx }) => listPressConferences(ctx.db)),
  byNumber: publicProcedure
    .input(z.object({ number: z.number().int().min(1) }))
    .query(({ ctx, input }) => getPressConference(ctx.db, input.number)),
  /** The sequence number to suggest for the next conference: the highest published one plus 1. */
  nextNumber: pressProcedure.query(({ ctx }) => nextPressConferenceNumber(ctx.db)),
  publish: pressProcedure.input(pressConferenceInput).mutation(async ({ ctx, input }) => {
    const conference = await publishPressConference(ctx.write, input);
    ctx.publisher?.request(`发布第${conference.number}场新闻发布会`);
    return conference;
  }),
  /** One conference by its stable id, with its version: what the edit form starts from. */
  byId: pressProcedure.input(z.object({ id: z.string().min(1) })).query(({ ctx, input }) => getPressConferenceById(ctx.db, input.id)),
  /** An edit of a published conference, with a reason; published at once and shown as updated. */
  update: pressProcedure.input(updatePressConferenceInput).mutation(async ({ ctx, input }) => {
    const conference = await updatePressConference(ctx.write, input);
    ctx.publisher?.request(`更新第${conference.number}场新闻发布会`);
    return conference;
  }),
});
