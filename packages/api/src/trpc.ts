import {
  DomainError,
  ReconciliationError,
  actorOf,
  writeForSite,
  type Role,
  type SiteChangeNote,
  type WriteContext,
} from '@epi/core/server';
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import type { Context } from './context.ts';

const CODES = {
  BAD_INPUT: 'BAD_REQUEST',
  CONFLICT: 'CONFLICT',
  NOT_FOUND: 'NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
  UNAUTHORIZED: 'UNAUTHORIZED',
} as const;

/** Field path → messages, from a zod error or a domain error about one field. */
export function fieldErrorsOf(cause: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (field: string, message: string) => (out[field] ??= []).push(message);
  if (cause instanceof ZodError) for (const issue of cause.issues) add(issue.path.join('.') || '_', issue.message);
  else if (cause instanceof DomainError && cause.field) add(cause.field, cause.message);
  return out;
}

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const fieldErrors = fieldErrorsOf(error.cause);
    const first = Object.entries(fieldErrors)[0];
    const message = error.cause instanceof ZodError && first ? `${first[0]}：${first[1][0]}` : shape.message;
    return {
      ...shape,
      message,
      data: {
        ...shape.data,
        fieldErrors,
        reconciliation: error.cause instanceof ReconciliationError ? error.cause.issues : null,
        stack: undefined,
      },
    };
  },
});

export const router = t.router;

/** The input of a read of one item by its id. */
export const byId = z.object({ id: z.string().min(1) });
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors with the matching code; the original stays as the cause. */
const mapDomainErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof DomainError) throw new TRPCError({ code: CODES[cause.code], message: cause.message, cause });
    if (cause instanceof ZodError) throw new TRPCError({ code: 'BAD_REQUEST', message: '输入有误', cause });
  }
  return result;
});

export const publicProcedure = t.procedure.use(mapDomainErrors);

/**
 * For the static site's build only (a server-side caller it creates): the bytes of attachments,
 * which the public gets as static files. Over HTTP it does not exist.
 */
export const siteBuildProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.siteBuild) throw new TRPCError({ code: 'NOT_FOUND', message: '没有这一项' });
  return next();
});

/** Any signed-in user, for their own account: open to one who must still change a temporary password. */
export const accountProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  const own = { db: ctx.db, actor: { ...actorOf(ctx.user), id: ctx.user.id }, now: ctx.now() };
  return next({ ctx: { ...ctx, user: ctx.user, own } });
});

/** A signed-in user with a password of their own (not a temporary one an admin set). */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
  if (ctx.user.mustChangePassword) throw new TRPCError({ code: 'FORBIDDEN', message: '请先修改管理员设置的临时密码' });
  if (ctx.mustEnrollTotp) throw new TRPCError({ code: 'FORBIDDEN', message: '管理员须先启用两步验证（我的账户）' });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/** A procedure only the given roles may call; checked on the server for every call. */
export function roleProcedure(...roles: Role[]) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!roles.includes(ctx.user.role)) {
      throw new TRPCError({ code: 'FORBIDDEN', message: `此操作需要以下角色之一：${roles.join('、')}` });
    }
    const write: WriteContext = { db: ctx.db, actor: actorOf(ctx.user), now: ctx.now() };
    return next({ ctx: { ...ctx, write } });
  });
}

export const adminProcedure = roleProcedure('admin');
export const pressProcedure = roleProcedure('press_officer');
export const reviewerProcedure = roleProcedure('reviewer');
/** The two roles that handle figures: press officers prepare them, reviewers approve them. */
export const figuresProcedure = roleProcedure('press_officer', 'reviewer');

/**
 * The resolver of a write the public site shows: once `write` is done, a new release is asked for,
 * with `reason` naming what changed ('发布第3场新闻发布会').
 */
export function released<Input, Result>(
  write: (ctx: WriteContext, input: Input) => Promise<Result>,
  reason: (result: Result) => string,
  /** The public page that shows the change. */
  path?: (result: Result) => string,
) {
  return ({ ctx, input }: { ctx: Pick<Context, 'publisher'> & { write: WriteContext }; input: Input }): Promise<Result> =>
    releasedWrite(
      ctx,
      (w) => write(w, input),
      (r) => ({ reason: reason(r), path: path ? path(r) : null }),
    );
}

/**
 * Records a change the public site shows (`note` names it, with its public page when known; null:
 * nothing changed) in the
 * transaction of `write`, then asks for a release. If the process dies before the site is rebuilt,
 * the publisher finds the change off the site at its next start.
 */
export async function releasedWrite<Result>(
  ctx: Pick<Context, 'publisher'> & { write: WriteContext },
  write: (ctx: WriteContext) => Promise<Result>,
  note: (result: Result) => SiteChangeNote | null,
): Promise<Result> {
  const { result, reason: why } = await writeForSite(ctx.write, write, note);
  if (why) ctx.publisher?.request(why);
  return result;
}
