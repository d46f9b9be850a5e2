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
import { byId, pressProcedure, publicProcedure, released, router } from '../trpc.ts';

export const pressConferenceRouter = router({
  list: publicProcedure.query(({ ctx }) => listPressConferences(ctx.db)),
  byNumber: publicProcedure
    .input(z.object({ number: z.number().int().min(1) }))
    .query(({ ctx, input }) => getPressConference(ctx.db, input.number)),
  /** The sequence number to suggest for the next conference: the highest published one plus 1. */
  nextNumber: pressProcedure.query(({ ctx }) => nextPressConferenceNumber(ctx.db)),
  publish: pressProcedure.input(pressConferenceInput).mutation(released(publishPressConference, (c) => `发布第${c.number}场新闻发布会`)),
  /** One conference by its stable id, with its version: what the edit form starts from. */
  byId: pressProcedure.input(byId).query(({ ctx, input }) => getPressConferenceById(ctx.db, input.id)),
  /** An edit of a published conference, with a reason; published at once and shown as updated. */
  update: pressProcedure
    .input(updatePressConferenceInput)
    .mutation(released(updatePressConference, (c) => `更新第${c.number}场新闻发布会`)),
});
