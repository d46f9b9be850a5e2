import {
  nextTestingRoundNumber,
  prepareTestingRoundCorrection,
  reviewedTestingRounds,
  testingRoundCorrectionInput,
} from '@epi/core/server';
import { figureProcedures } from '../figure-procedures.ts';
import { pressProcedure, router } from '../trpc.ts';

export const testingRoundRouter = router({
  /** The number to suggest for a new round. */
  nextNumber: pressProcedure.query(({ ctx }) => nextTestingRoundNumber(ctx.db)),
  ...figureProcedures(
    reviewedTestingRounds,
    { input: testingRoundCorrectionInput, prepare: prepareTestingRoundCorrection },
    (round) => `发布第${round.number}轮核酸检测`,
    '/testing/',
  ),
});
