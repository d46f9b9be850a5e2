import { listReleases, listSiteChanges } from '@epi/core/server';
import { adminProcedure, authedProcedure, router } from '../trpc.ts';

export const releaseRouter = router({
  list: authedProcedure.query(({ ctx }) => listReleases(ctx.db)),
  /** The latest changes the public site shows, each waiting, being built, live, or failed with the reason. */
  changes: authedProcedure.query(({ ctx }) => listSiteChanges(ctx.db)),
  /** Rebuilds the public site from the data as it is now. */
  request: adminProcedure.mutation(({ ctx }) => {
    ctx.publisher?.request(`手动重新发布（${ctx.user.displayName}）`);
    return { requested: ctx.publisher !== null };
  }),
});
