import { blockedName, listBlocked, listReleases, listSiteChanges, recordAudit, retryBlocked } from '@epi/core/server';
import { z } from 'zod';
import { adminProcedure, authedProcedure, roleProcedure, router } from '../trpc.ts';

export const releaseRouter = router({
  list: authedProcedure.query(({ ctx }) => listReleases(ctx.db)),
  /** The latest changes the public site shows, each waiting, being built, live, failed or set aside, with the reason. */
  changes: authedProcedure.query(({ ctx }) => listSiteChanges(ctx.db)),
  /** The bulletins and conferences set aside because building them failed: the rest of the site is live without them. */
  blocked: authedProcedure.query(({ ctx }) => listBlocked(ctx.db)),
  /** Tries a set-aside item again (its cause mended outside it: a file restored, a fix deployed). */
  retryBlocked: roleProcedure('admin', 'press_officer')
    .input(z.object({ id: z.number().int().positive() }))
    .mutation(async ({ ctx, input }) => {
      const item = await retryBlocked(ctx.write, input.id);
      ctx.publisher?.request(`重新尝试发布${blockedName(item)}`);
      return item;
    }),
  /** Rebuilds the public site from the data as it is now. */
  request: adminProcedure.mutation(async ({ ctx }) => {
    // Nothing changes in the data, but who asked for a rebuild, and when, is in the audit log.
    await recordAudit(ctx.db, ctx.write.actor, ctx.write.now, { action: 'site.rebuild_request', entityType: 'release', entityId: 'site' });
    ctx.publisher?.request(`手动重新发布（${ctx.user.displayName}）`);
    return { requested: ctx.publisher !== null };
  }),
});
