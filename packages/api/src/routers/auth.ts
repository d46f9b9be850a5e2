import { signIn, signInInput, signOut } from '@epi/core/server';
import { authedProcedure, publicProcedure, router } from '../trpc.ts';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => ctx.user),
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const { token, user, expiresAt } = await signIn(ctx.db, input, ctx.now(), { demoMode: ctx.demoMode });
    ctx.cookie?.set(token, expiresAt);
    return { user, token, expiresAt };
  }),
  signOut: authedProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await signOut(ctx.db, ctx.sessionToken);
    ctx.cookie?.clear();
    return { ok: true };
  }),
});
