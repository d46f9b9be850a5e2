import {
  approveInput,
  approveTestingRound,
  getTestingRound,
  listStaffTestingRounds,
  listCorrectionRequests,
  listTestingRounds,
  nextTestingRoundNumber,
  prepareTestingRoundCorrection,
  resubmitTestingRound,
  resubmitTestingRoundInput,
  returnInput,
  returnTestingRound,
  submitTestingRound,
  testingRoundCorrectionInput,
  testingRoundInput,
} from '@epi/core/server';
import { z } from 'zod';
import { figuresProcedure, pressProcedure, publicProcedure, reviewerProcedure, router } from '../trpc.ts';

export const testingRoundRouter = router({
  list: publicProcedure.query(({ ctx }) => listTestingRounds(ctx.db)),
  /** Every round in any status, with where it stands in review. */
  all: figuresProcedure.query(({ ctx }) => listStaffTestingRounds(ctx.db)),
  /** One round in any status, with its review state and the corrections prepared for it. */
  get: figuresProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const round = await getTestingRound(ctx.db, input.id);
    return { ...round, correctionRequests: await listCorrectionRequests(ctx.db, { entityType: 'testing_round', entityId: round.id }) };
  }),
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
  /** A press officer prepares a correction of a published round; a reviewer applies it with report.approveCorrection. */
  correct: pressProcedure.input(testingRoundCorrectionInput).mutation(({ ctx, input }) => prepareTestingRoundCorrection(ctx.write, input)),
});
