import {
  approveCorrection,
  approveInput,
  checkReport,
  extractReport,
  getReport,
  listReportCorrections,
  listReports,
  prepareCorrection,
  reportCorrectionInput,
  reportInput,
  returnCorrection,
  returnInput,
  reviewedReports,
} from '@epi/core/server';
import { z } from 'zod';
import { figureProcedures } from '../figure-procedures.ts';
import { byId, pressProcedure, publicProcedure, released, reviewerProcedure, router } from '../trpc.ts';

// Figures go out on two people's word: a press officer submits, a different reviewer approves.
// There is no direct publish.
export const reportRouter = router({
  latest: publicProcedure.query(async ({ ctx }) => (await listReports(ctx.db))[0] ?? null),
  /** A published report; one in review is not found, as if it did not exist. */
  byId: publicProcedure.input(byId).query(({ ctx, input }) => getReport(ctx.db, input.id)),
  /** Every correction of a published figure, newest first: old value, new value, reason. */
  corrections: publicProcedure.query(({ ctx }) => listReportCorrections(ctx.db)),
  /** Figures read from a pasted bulletin paragraph, each with the sentence it came from. */
  extract: pressProcedure
    .input(z.object({ text: z.string().max(20_000), year: z.number().int().min(2000).max(2100) }))
    .query(({ input }) => extractReport(input.text, { year: input.year })),
  /** Reconciliation against the previous published report, for the form as it is filled in. */
  check: pressProcedure.input(reportInput).query(({ ctx, input }) => checkReport(ctx.db, input)),
  // The public's list (latest period first), staff's list and item, submit, resubmit, approve, return, and
  // `correct`: a press officer prepares a correction of a published report; it applies when a reviewer approves it.
  ...figureProcedures(reviewedReports, { input: reportCorrectionInput, prepare: prepareCorrection }, () => '发布疫情通报', '/figures/'),
  /** Applies a correction of any published figures (report, testing round, isolation snapshot) by its request id. */
  approveCorrection: reviewerProcedure.input(approveInput).mutation(
    released(
      approveCorrection,
      (applied) => (applied.entityType === 'report' ? '更正疫情通报' : `更正${applied.title}`),
      () => '/corrections/',
    ),
  ),
  /** Returns a correction of any kind by its request id. */
  returnCorrection: reviewerProcedure.input(returnInput).mutation(({ ctx, input }) => returnCorrection(ctx.write, input)),
});
