import { recordSignInFailure, signIn, SignInError, signInInput, signOut } from '@epi/core/server';
import { TRPCError } from '@trpc/server';
import { waitText } from '../sign-in-throttle.ts';
import { publicProcedure, router } from '../trpc.ts';

export const authRouter = router({
  me: publicProcedure.query(({ ctx }) => ctx.user),
  /**
   * Refused without a password check while the account or the address must wait (see
   * sign-in-throttle.ts); every failure is in the audit log with its address, and the first refusal
   * of an address in 10 minutes.
   */
  signIn: publicProcedure.input(signInInput).mutation(async ({ ctx, input }) => {
    const throttle = ctx.signInThrottle;
    const attempt = { username: input.username, address: ctx.clientAddress };
    const wait = throttle ? await throttle.wait(input.username, ctx.clientAddress) : 0;
    if (wait > 0) {
      if (await throttle!.logRefusal(input.username, ctx.clientAddress)) {
        await recordSignInFailure(ctx.db, { ...attempt, refused: true }, ctx.now());
      }
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `登录尝试过多，请 ${waitText(wait)}后再试` });
    }
    try {
      const { token, user, expiresAt } = await signIn(ctx.db, input, ctx.now(), {
        demoMode: ctx.demoMode,
        policy: ctx.sessionPolicy,
        address: ctx.clientAddress,
        userAgent: ctx.userAgent,
      });
      await throttle?.succeeded(input.username);
      // The token goes only into the httpOnly cookie, never into a body that scripts can read.
      ctx.cookie?.set(token, expiresAt);
      return { user, expiresAt };
    } catch (error) {
      if (error instanceof SignInError) {
        await throttle?.failed(input.username, ctx.clientAddress);
        await recordSignInFailure(ctx.db, { ...attempt, refused: false }, ctx.now());
      }
      throw error;
    }
  }),
  /** Ends this session (in the audit log); also clears a stale cookie whose session has already expired. */
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionToken) await signOut(ctx.db, ctx.sessionToken, ctx.now());
    ctx.cookie?.clear();
    return { ok: true };
  }),
});
