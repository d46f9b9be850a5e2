import {
  conferenceName,
  getPressConference,
  getPressConferenceById,
  listPressConferenceAliases,
  listPressConferences,
  pressConferenceInput,
  pressConferenceIssuers,
  publishPressConference,
  updatePressConference,
  updatePressConferenceInput,
} from '@epi/core/server';
import { z } from 'zod';
import { byId, pressProcedure, publicProcedure, released, router } from '../trpc.ts';

export const pressConferenceRouter = router({
  list: publicProcedure.query(({ ctx }) => listPressConferences(ctx.db)),
  /** One conference by its public address; an address it had before (an old number, a changed number) finds it too. */
  bySlug: publicProcedure
    .input(z.object({ slug: z.string().trim().min(1).max(80) }))
    .query(({ ctx, input }) => getPressConference(ctx.db, input.slug)),
  /** Addresses conferences had before (old numbered addresses, a number corrected), each with where it is now. */
  aliases: publicProcedure.query(({ ctx }) => listPressConferenceAliases(ctx.db)),
  /** The bodies a conference may come from, each with the number to suggest for its next one. */
  issuers: pressProcedure.query(({ ctx }) => pressConferenceIssuers(ctx.db)),
  publish: pressProcedure.input(pressConferenceInput).mutation(
    released(
      publishPressConference,
      (c) => `发布${conferenceName(c)}`,
      (c) => `/press-conferences/${c.slug}/`,
    ),
  ),
  /** One conference by its stable id, with its version: what the edit form starts from. */
  byId: pressProcedure.input(byId).query(({ ctx, input }) => getPressConferenceById(ctx.db, input.id)),
  /** An edit of a published conference, with a reason; published at once and shown as updated. */
  update: pressProcedure.input(updatePressConferenceInput).mutation(
    released(
      updatePressConference,
      (c) => `更新${conferenceName(c)}`,
      (c) => `/press-conferences/${c.slug}/`,
    ),
  ),
});
