import { forReviewInput, getForReview, listReviewQueue } from '@epi/core/server';
import { figuresProcedure, roleProcedure, router } from '../trpc.ts';

// Press officers see what they sent and what came back; reviewers see what waits for them;
// administrators see the changes of zones waiting for someone other than their author.
export const reviewRouter = router({
  /** Items waiting for review (urgent first), then returned ones, with type, title, submitter and time. */
  queue: roleProcedure('admin', 'press_officer', 'reviewer').query(({ ctx }) => listReviewQueue(ctx.db)),
  /** One item beside the previous published one of its kind, figure by figure. */
  forReview: figuresProcedure.input(forReviewInput).query(({ ctx, input }) => getForReview(ctx.db, input.type, input.id)),
});
