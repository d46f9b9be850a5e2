import {
  beginTotpSetup,
  confirmTotpSetup,
  totpCodeInput,
  totpBeginInput,
  changeOwnPassword,
  changePasswordInput,
  endOtherSessions,
  endOwnSession,
  listSessions,
  sessionHandleInput,
} from '@epi/core/server';
import { TRPCError } from '@trpc/server';
import { accountProcedure, router } from '../trpc.ts';

/** What every signed-in user does to their own account, a temporary password included. */
export const accountRouter = router({
  sessions: accountProcedure.query(({ ctx }) => listSessions(ctx.db, ctx.user.id, ctx.sessionToken, ctx.now())),
  endSession: accountProcedure.input(sessionHandleInput).mutation(({ ctx, input }) => endOwnSession(ctx.own, input)),
  endOtherSessions: accountProcedure.mutation(({ ctx }) => {
    if (!ctx.sessionToken) throw new TRPCError({ code: 'BAD_REQUEST', message: '没有当前会话' });
    return endOtherSessions(ctx.own, ctx.sessionToken);
  }),
  /** A new authenticator key, as a QR code and as text; the next step confirms it with a code. */
  totpBegin: accountProcedure.input(totpBeginInput).mutation(({ ctx, input }) => beginTotpSetup(ctx.own, input)),
  totpConfirm: accountProcedure.input(totpCodeInput).mutation(async ({ ctx, input }) => {
    await confirmTotpSetup(ctx.own, input);
    return { ok: true };
  }),
  changePassword: accountProcedure.input(changePasswordInput).mutation(async ({ ctx, input }) => {
    await changeOwnPassword(ctx.own, input, ctx.sessionToken);
    return { ok: true };
  }),
});
