import { randomInt } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import { ROLE_LABELS, type WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, NotFoundError, PermissionError } from '../shared/errors.ts';
import { inTransaction } from '../shared/tx.ts';
import { assertCurrentPassword, hashPassword } from './password.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import {
  changePasswordInput,
  disableUserInput,
  sessionHandleInput,
  setUserRoleInput,
  userIdInput,
  type Account,
  type SessionInfo,
} from './schema.ts';
import { tokenId, toUser } from './user.ts';

// What an admin does to accounts, and what a user does to their own: every step in the audit log,
// in the transaction of the change. Nobody can shut themselves out, and the last active admin can
// be neither disabled nor given another role.

const HANDLE_LENGTH = 12;

async function accountRow(db: Executor, userId: string) {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw new NotFoundError('没有这个用户');
  return row;
}

async function assertNotLastAdmin(db: Executor, userId: string, what: string): Promise<void> {
  const others = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null)
    .where('id', '!=', userId)
    .executeTakeFirstOrThrow();
  if (Number(others.n) === 0) throw new ConflictError(`这是唯一可用的管理员账号，不能${what}`);
}

function assertNotSelf(ctx: WriteContext, userId: string, what: string): void {
  if (ctx.actor.id === userId) throw new PermissionError(`不能${what}自己的账号`);
}

/** The id of the account of that name, disabled or not (for the command line, which names accounts). */
export async function accountIdOf(db: Executor, username: string): Promise<string> {
  const row = await db.selectFrom('app_user').select('id').where('username', '=', username.trim().toLowerCase()).executeTakeFirst();
  if (!row) throw new NotFoundError(`没有用户名为 ${username} 的账号`);
  return row.id;
}

/** Every account, disabled ones too, with how many sessions it has open and when it was last used. */
export async function listAccounts(db: Executor, now: Date): Promise<Account[]> {
  const rows = await db
    .selectFrom('app_user')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('session')
          .select((s) => ['user_id', s.fn.countAll<number>().as('open'), s.fn.max('last_seen_at').as('last_seen')])
          .where('expires_at', '>', now.toISOString())
          .groupBy('user_id')
          .as('s'),
      (join) => join.onRef('s.user_id', '=', 'app_user.id'),
    )
    .selectAll('app_user')
    .select(['s.open', 's.last_seen'])
    .orderBy('app_user.username')
    .execute();
  return rows.map((r) => ({
    ...toUser(r),
    disabledAt: r.disabled_at,
    createdAt: r.created_at,
    passwordChangedAt: r.password_changed_at,
    openSessions: Number(r.open ?? 0),
    lastSeenAt: r.last_seen ?? null,
  }));
}

async function endSessionsOf(db: Executor, userId: string, except?: string): Promise<number> {
  let query = db.deleteFrom('session').where('user_id', '=', userId);
  if (except) query = query.where('id', '!=', except);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Shuts an account out at once (its sessions end); the reason is in the audit log. */
export async function disableUser(ctx: WriteContext, raw: unknown): Promise<void> {
  const input = disableUserInput.parse(raw);
  assertNotSelf(ctx, input.userId, '停用');
  await inTransaction(ctx.db, async (db) => {
    const row = await accountRow(db, input.userId);
    if (row.disabled_at) throw new ConflictError(`${row.username} 已停用`);
    if (row.role === 'admin') await assertNotLastAdmin(db, row.id, '停用');
    const now = ctx.now.toISOString();
    await db.updateTable('app_user').set({ disabled_at: now, updated_at: now }).where('id', '=', row.id).execute();
    const ended = await endSessionsOf(db, row.id);
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.disable',
      entityType: 'user',
      entityId: row.id,
      before: { username: row.username, disabled: false },
      after: { username: row.username, disabled: true, sessionsEnded: ended },
      reason: input.reason,
    });
  });
}

export async function enableUser(ctx: WriteContext, raw: unknown): Promise<void> {
  const input = userIdInput.parse(raw);
  await inTransaction(ctx.db, async (db) => {
    const row = await accountRow(db, input.userId);
    if (!row.disabled_at) throw new ConflictError(`${row.username} 未停用`);
    const now = ctx.now.toISOString();
    await db.updateTable('app_user').set({ disabled_at: null, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.enable',
      entityType: 'user',
      entityId: row.id,
      before: { username: row.username, disabled: true },
      after: { username: row.username, disabled: false },
    });
  });
}

/** A new role takes effect with the account's next request (roles are read for every request). */
export async function setUserRole(ctx: WriteContext, raw: unknown): Promise<{ changed: boolean }> {
  const input = setUserRoleInput.parse(raw);
  return inTransaction(ctx.db, async (db) => {
    const row = await accountRow(db, input.userId);
    if (row.role === input.role) return { changed: false };
    assertNotSelf(ctx, input.userId, '更改');
    if (row.role === 'admin') await assertNotLastAdmin(db, row.id, `改为${ROLE_LABELS[input.role]}`);
    await db.updateTable('app_user').set({ role: input.role, updated_at: ctx.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.set_role',
      entityType: 'user',
      entityId: row.id,
      before: { username: row.username, role: row.role },
      after: { username: row.username, role: input.role },
    });
    return { changed: true };
  });
}

// 32 letters and digits that cannot be mistaken for each other when read out or copied by hand.
const TEMPORARY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** Four groups of four (about 79 bits), e.g. `k7pm-3xqa-h9tr-w2nd`. */
export function temporaryPassword(): string {
  const group = () => Array.from({ length: 4 }, () => TEMPORARY_ALPHABET[randomInt(TEMPORARY_ALPHABET.length)]).join('');
  return [group(), group(), group(), group()].join('-');
}

/**
 * Gives the account a temporary password, returned once (for the admin to hand over) and never
 * stored in clear; its sessions end, and at its next sign-in it can do nothing but set its own.
 */
export async function resetPassword(ctx: WriteContext, raw: unknown): Promise<{ username: string; temporaryPassword: string }> {
  const input = userIdInput.parse(raw);
  assertNotSelf(ctx, input.userId, '重置');
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  return inTransaction(ctx.db, async (db) => {
    const row = await accountRow(db, input.userId);
    const now = ctx.now.toISOString();
    await db
      .updateTable('app_user')
      .set({ password_hash: hash, must_change_password: 1, password_changed_at: now, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    const ended = await endSessionsOf(db, row.id);
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.reset_password',
      entityType: 'user',
      entityId: row.id,
      after: { username: row.username, temporary: true, sessionsEnded: ended },
    });
    return { username: row.username, temporaryPassword: password };
  });
}

/** Ends every session of the account (a lost phone, a shared computer). */
export async function revokeSessions(ctx: WriteContext, raw: unknown): Promise<{ ended: number }> {
  const input = userIdInput.parse(raw);
  return inTransaction(ctx.db, async (db) => {
    const row = await accountRow(db, input.userId);
    const ended = await endSessionsOf(db, row.id);
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.revoke_sessions',
      entityType: 'user',
      entityId: row.id,
      after: { username: row.username, sessionsEnded: ended },
    });
    return { ended };
  });
}

/** The user's own open sessions, newest first; `current` marks the one asking. */
export async function listSessions(db: Executor, userId: string, currentToken: string | null, now: Date): Promise<SessionInfo[]> {
  const current = currentToken ? tokenId(currentToken) : null;
  const rows = await db
    .selectFrom('session')
    .selectAll()
    .where('user_id', '=', userId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map((r) => ({
    handle: r.id.slice(0, HANDLE_LENGTH),
    createdAt: r.created_at,
    lastSeenAt: r.last_seen_at,
    expiresAt: r.expires_at,
    address: r.address,
    userAgent: r.user_agent,
    current: r.id === current,
  }));
}

/** Ends one of the user's own sessions, named by its handle. */
export async function endOwnSession(ctx: WriteContext & { actor: { id: string } }, raw: unknown): Promise<void> {
  const input = sessionHandleInput.parse(raw);
  await inTransaction(ctx.db, async (db) => {
    const rows = await db.selectFrom('session').select('id').where('user_id', '=', ctx.actor.id).execute();
    const match = rows.find((r) => r.id.startsWith(input.handle));
    if (!match) throw new NotFoundError('没有这个会话（可能已结束）');
    await db.deleteFrom('session').where('id', '=', match.id).execute();
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.end_session',
      entityType: 'user',
      entityId: ctx.actor.id,
      after: { session: input.handle },
    });
  });
}

/** Ends every session of the user but the one asking (in the audit log when there were any). */
export async function endOtherSessions(ctx: WriteContext & { actor: { id: string } }, currentToken: string): Promise<{ ended: number }> {
  return inTransaction(ctx.db, async (db) => {
    const ended = await endSessionsOf(db, ctx.actor.id, tokenId(currentToken));
    if (ended === 0) return { ended };
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.end_other_sessions',
      entityType: 'user',
      entityId: ctx.actor.id,
      after: { sessionsEnded: ended },
    });
    return { ended };
  });
}

/**
 * The user sets a new password, proving the current one (a temporary one included). The new one
 * must pass the policy and differ from the current one; the user's other sessions end.
 */
export async function changeOwnPassword(
  ctx: WriteContext & { actor: { id: string } },
  raw: unknown,
  currentToken: string | null,
): Promise<void> {
  const input = changePasswordInput.parse(raw);
  const row = await accountRow(ctx.db, ctx.actor.id);
  await assertCurrentPassword(row.password_hash, input.currentPassword);
  if (input.newPassword === input.currentPassword) throw new InputError('newPassword', '新密码不能与当前密码相同');
  assertAcceptablePassword('newPassword', input.newPassword, { username: row.username, displayName: row.display_name });
  const hash = await hashPassword(input.newPassword);
  await inTransaction(ctx.db, async (db) => {
    const now = ctx.now.toISOString();
    await db
      .updateTable('app_user')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: now, updated_at: now })
      .where('id', '=', row.id)
      .execute();
    const ended = await endSessionsOf(db, row.id, currentToken ? tokenId(currentToken) : undefined);
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.change_password',
      entityType: 'user',
      entityId: row.id,
      after: { username: row.username, wasTemporary: row.must_change_password === 1, otherSessionsEnded: ended },
    });
  });
}
