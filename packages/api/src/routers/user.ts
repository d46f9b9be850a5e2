import {
  createUser,
  createUserInput,
  disableUser,
  disableUserInput,
  enableUser,
  listAccounts,
  resetPassword,
  resetTotp,
  revokeSessions,
  setUserRole,
  setUserRoleInput,
  userIdInput,
} from '@epi/core/server';
import { adminProcedure, router } from '../trpc.ts';

/** Accounts, managed by admins only; every step is in the audit log (core/user/accounts.ts). */
export const userRouter = router({
  list: adminProcedure.query(({ ctx }) => listAccounts(ctx.db, ctx.now())),
  create: adminProcedure.input(createUserInput).mutation(({ ctx, input }) => createUser(ctx.write, input)),
  disable: adminProcedure.input(disableUserInput).mutation(({ ctx, input }) => disableUser(ctx.write, input)),
  enable: adminProcedure.input(userIdInput).mutation(({ ctx, input }) => enableUser(ctx.write, input)),
  setRole: adminProcedure.input(setUserRoleInput).mutation(({ ctx, input }) => setUserRole(ctx.write, input)),
  /** The temporary password is in this answer only: the admin hands it over, it is never stored in clear. */
  resetPassword: adminProcedure.input(userIdInput).mutation(({ ctx, input }) => resetPassword(ctx.write, input)),
  /** Turns another account's two-step sign-in off (a lost phone); it is set up again at the next sign-in. */
  resetTotp: adminProcedure.input(userIdInput).mutation(async ({ ctx, input }) => {
    await resetTotp(ctx.write, input);
    return { ok: true };
  }),
  revokeSessions: adminProcedure.input(userIdInput).mutation(({ ctx, input }) => revokeSessions(ctx.write, input)),
});
