import { getPressConference, listPressConferences, pressConferenceInput, publishPressConference } from '@epi/core/server';
import { z } from 'zod';
import { pressProcedure, publicProcedure, router } from '../trpc.ts';

export const pressConferenceRouter = router({
  list: publicProcedure.query(({ ctx }) => listPressConferences(ctx.db)),
  byNumber: publicProcedure
    .input(z.object({ number: z.number().int().min(1) }))
    .query(({ ctx, input }) => getPressConference(ctx.db, input.number)),
  publish: pressProcedure.input(pressConferenceInput).mutation(async ({ ctx, input }) => {
    const conference = await publishPressConference(ctx.write, input);
    ctx.publisher?.request(`发布第${conference.number}场新闻发布会`);
    return conference;
  }),
});
