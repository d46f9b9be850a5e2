import { listTestingRounds, publishTestingRound, testingRoundInput } from '@epi/core/server';
import { pressProcedure, publicProcedure, router } from '../trpc.ts';

export const testingRoundRouter = router({
  list: publicProcedure.query(({ ctx }) => listTestingRounds(ctx.db, { status: 'published' })),
  publish: pressProcedure.input(testingRoundInput).mutation(async ({ ctx, input }) => {
    const round = await publishTestingRound(ctx.write, input);
    ctx.publisher?.request(`发布第${round.number}轮核酸检测`);
    return round;
  }),
});
