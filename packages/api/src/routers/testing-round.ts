import {
  approveInput,
  approveTestingRound,
  getTestingRound,
  listStaffTestingRounds,
  listTestingRounds,
  nextTestingRoundNumber,
  resubmitTestingRound,
  resubmitTestingRoundInput,
  returnInput,
  returnTestingRound,
  submitTestingRound,
  testingRoundInput,
} from '@epi/core/server';
import { z } from 'zod';
import { figuresProcedure, pressProcedure, publicProcedure, reviewerProcedure, router } from '../trpc.ts';

export const testingRoundRouter = router({
  list: publicProcedure.query(({ ctx }) => listTestingRounds(ctx.db, { status: 'published' })),
  /** Every round in any status, with where it stands in review. */
  all: figuresProcedure.query(({ ctx }) => listStaffTestingRounds(ctx.db)),
  get: figuresProcedure.input(z.object({ id: z.string().min(1) })).query(({ ctx, input }) => getTestingRound(ctx.db, input.id)),
  /** The number to suggest for a new round. */
  nextNumber: pressProcedure.query(({ ctx }) => nextTestingRoundNumber(ctx.db)),
  submit: pressProcedure.input(testingRoundInput).mutation(({ ctx, input }) => submitTestingRound(ctx.write, input)),
  resubmit: pressProcedure.input(resubmitTestingRoundInput).mutation(({ ctx, input }) => resubmitTestingRound(ctx.write, input)),
  approve: reviewerProcedure.input(approveInput).mutation(async ({ ctx, input }) => {
    const round = await approveTestingRound(ctx.write, input);
    ctx.publisher?.request(`发布第${round.number}轮核酸检测`);
    return round;
  }),
  return: reviewerProcedure.input(returnInput).mutation(({ ctx, input }) => returnTestingRound(ctx.write, input)),
});
