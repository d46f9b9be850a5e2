import { forReviewInput, getForReview, listReviewQueue } from '@epi/core/server';
import { figuresProcedure, router } from '../trpc.ts';

// Press officers see what they sent and what came back; reviewers see what waits for them.
export const reviewRouter = router({
  /** Items waiting for review, then returned ones, with type, title, submitter and time. */
  queue: figuresProcedure.query(({ ctx }) => listReviewQueue(ctx.db)),
  /** One item beside the previous published one of its kind, figure by figure. */
  forReview: figuresProcedure.input(forReviewInput).query(({ ctx, input }) => getForReview(ctx.db, input.type, input.id)),
});
