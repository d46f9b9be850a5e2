import { signIn, signInInput, signOut } from '@epi/core/server';
import { publicProcedure, router } from '../trpc.ts';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => ctx.user),
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const { token, user, expiresAt } = await signIn(ctx.db, input, ctx.now(), { demoMode: ctx.demoMode });
    // The token goes only into the httpOnly cookie, never into a body that scripts can read.
    ctx.cookie?.set(token, expiresAt);
    return { user, expiresAt };
  }),
  /** Ends this session; also clears a stale cookie whose session has already expired. */
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await signOut(ctx.db, ctx.sessionToken);
    ctx.cookie?.clear();
    return { ok: true };
  }),
});
