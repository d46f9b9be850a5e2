import { createHash, randomBytes } from 'node:crypto';
import { type z } from 'zod';
import type { Executor } from '../db/database.ts';
import { recordAudit } from '../audit/audit.ts';
import { SYSTEM_ACTOR, type Actor, type Role, type WriteContext } from '../shared/actor.ts';
import { createUserInput, signInInput, type CreateUserInput, type User } from './schema.ts';
import { DomainError, InputError } from '../shared/errors.ts';
import { newId } from '../shared/ids.ts';
import { inTransaction } from '../shared/tx.ts';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.ts';
import { assertAcceptablePassword } from './password-policy.ts';
import { spendTotp } from './totp.ts';

/** How long a session lasts: `lifetimeMs` from sign-in at most, and `idleMs` since its last request. */
export interface SessionPolicy {
  lifetimeMs: number;
  idleMs: number;
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 60 * 60 * 1000;
export const DEFAULT_SESSION_POLICY: SessionPolicy = { lifetimeMs: SESSION_TTL_MS, idleMs: SESSION_IDLE_MS };
/** A session's last request is written at most this often. */
const TOUCH_MS = 60 * 1000;

export { createUserInput, signInInput, type CreateUserInput, type User } from './schema.ts';

export function actorOf(user: User): Actor {
  return { id: user.id, name: user.displayName, role: user.role };
}

export function toUser(r: {
  id: string;
  username: string;
  display_name: string;
  role: string;
  is_demo: number;
  must_change_password: number;
  totp_key: string | null;
}): User {
  return {
    id: r.id,
    username: r.username,
    displayName: r.display_name,
    role: r.role as Role,
    isDemo: r.is_demo === 1,
    mustChangePassword: r.must_change_password === 1,
    totpEnabled: r.totp_key !== null,
  };
}

export async function createUser(ctx: WriteContext, raw: CreateUserInput, options: { demo?: boolean } = {}): Promise<User> {
  const input = createUserInput.parse(raw);
  // Demo accounts (usable only in demo mode) have the published passwords of the README.
  if (!options.demo) assertAcceptablePassword('password', input.password, input);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx.db, async (db) => {
    const existing = await db.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
    if (existing) throw new InputError('username', `用户名 ${input.username} 已被使用`);
    const id = newId();
    const now = ctx.now.toISOString();
    await db
      .insertInto('app_user')
      .values({
        id,
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: passwordHash,
        is_demo: options.demo ? 1 : 0,
        disabled_at: null,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await recordAudit(db, ctx.actor, ctx.now, {
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: { username: input.username, displayName: input.displayName, role: input.role, demo: options.demo ?? false },
    });
    return {
      id,
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      isDemo: options.demo ?? false,
      mustChangePassword: false,
      totpEnabled: false,
    };
  });
}

export async function listUsers(db: Executor): Promise<User[]> {
  const rows = await db.selectFrom('app_user').selectAll().where('disabled_at', 'is', null).orderBy('username').execute();
  return rows.map(toUser);
}

/** The active account of that name, or null; demo accounts only in demo mode, as at sign-in. */
export async function activeUser(db: Executor, username: string, options: { demoMode: boolean }): Promise<User | null> {
  const row = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', username.trim().toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row || (row.is_demo === 1 && !options.demoMode)) return null;
  return toUser(row);
}

export const tokenId = (token: string) => createHash('sha256').update(token).digest('hex');

export class SignInError extends DomainError {
  override name = 'SignInError';
  constructor(message = '用户名或密码不正确') {
    super('UNAUTHORIZED', message);
  }
}

/** The password was right and the account has two-step sign-in: the code is asked for (not a failure). */
export class TotpRequiredError extends DomainError {
  override name = 'TotpRequiredError';
  constructor() {
    super('UNAUTHORIZED', '该账号已启用两步验证：请输入手机验证器上的 6 位验证码', 'code');
  }
}

/** A wrong, old or already used code: a failed sign-in like a wrong password. */
export class TotpError extends SignInError {
  override name = 'TotpError';
  constructor() {
    super('验证码不正确或已用过，请输入验证器上当前显示的 6 位数字');
  }
}

/**
 * Checks the password and opens a session. Returns the cookie token; only its hash is stored.
 * Demo accounts are refused unless the system runs in demo mode.
 */
export async function signIn(
  db: Executor,
  raw: z.input<typeof signInInput>,
  now: Date,
  options: { demoMode: boolean; policy?: SessionPolicy; address?: string | null; userAgent?: string | null },
): Promise<{ token: string; user: User; expiresAt: string }> {
  const input = signInInput.parse(raw);
  const row = await db
    .selectFrom('app_user')
    .selectAll()
    .where('username', '=', input.username.toLowerCase())
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!row || !ok || (row.is_demo === 1 && !options.demoMode)) throw new SignInError();
  if (row.totp_key) {
    if (!input.code) throw new TotpRequiredError();
    if (!(await spendTotp(db, { id: row.id, totp_key: row.totp_key, totp_last_step: row.totp_last_step }, input.code, now))) {
      throw new TotpError();
    }
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + (options.policy ?? DEFAULT_SESSION_POLICY).lifetimeMs).toISOString();
  const user = toUser(row);
  await inTransaction(db, async (db) => {
    await db
      .insertInto('session')
      .values({
        id: tokenId(token),
        user_id: row.id,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        last_seen_at: now.toISOString(),
        address: options.address?.slice(0, 64) ?? null,
        user_agent: options.userAgent?.slice(0, 300) ?? null,
      })
      .execute();
    await db.deleteFrom('session').where('expires_at', '<', now.toISOString()).execute();
    await recordAudit(db, actorOf(user), now, { action: 'user.sign_in', entityType: 'user', entityId: row.id });
  });
  return { token, user, expiresAt };
}

/**
 * The user behind a session token, or null when the token is unknown, past its lifetime or idle for
 * longer than the policy allows (then it is ended). Notes the request as the session's last.
 */
export async function userForSession(
  db: Executor,
  token: string,
  now: Date,
  options: { demoMode: boolean; policy?: SessionPolicy },
): Promise<User | null> {
  const row = await db
    .selectFrom('session')
    .innerJoin('app_user', 'app_user.id', 'session.user_id')
    .select([
      'app_user.id',
      'app_user.username',
      'app_user.display_name',
      'app_user.role',
      'app_user.is_demo',
      'app_user.must_change_password',
      'app_user.totp_key',
      'session.id as session_id',
      'session.expires_at',
      'session.last_seen_at',
    ])
    .where('session.id', '=', tokenId(token))
    .where('app_user.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row || row.expires_at <= now.toISOString()) return null;
  if (row.is_demo === 1 && !options.demoMode) return null;
  const idle = now.getTime() - Date.parse(row.last_seen_at);
  if (idle > (options.policy ?? DEFAULT_SESSION_POLICY).idleMs) {
    await db.deleteFrom('session').where('id', '=', row.session_id).execute();
    return null;
  }
  if (idle > TOUCH_MS) {
    await db.updateTable('session').set({ last_seen_at: now.toISOString() }).where('id', '=', row.session_id).execute();
  }
  return toUser(row);
}

export async function signOut(db: Executor, token: string, now: Date = new Date()): Promise<void> {
  await inTransaction(db, async (tx) => {
    const session = await tx
      .selectFrom('session')
      .innerJoin('app_user', 'app_user.id', 'session.user_id')
      .selectAll('app_user')
      .where('session.id', '=', tokenId(token))
      .executeTakeFirst();
    await tx.deleteFrom('session').where('id', '=', tokenId(token)).execute();
    if (session)
      await recordAudit(tx, actorOf(toUser(session)), now, { action: 'user.sign_out', entityType: 'user', entityId: session.id });
  });
}

/**
 * A failed sign-in, in the audit log: the name typed (an account or not: the log is for admins) and
 * the address it came from. Every checked failure is kept: a guessing attack shows there. A refusal
 * (too many tries, answered unchecked) is recorded once per address and window by the caller, and
 * says that later ones from the address go unrecorded.
 */
export async function recordSignInFailure(
  db: Executor,
  attempt: { username: string; address: string | null; refused: boolean },
  now: Date,
): Promise<void> {
  await recordAudit(db, SYSTEM_ACTOR, now, {
    action: attempt.refused ? 'user.sign_in_refused' : 'user.sign_in_failed',
    entityType: 'user',
    entityId: attempt.username.toLowerCase().slice(0, 64),
    reason: attempt.refused
      ? `尝试过多，已暂时拒绝；地址 ${attempt.address ?? '未知'}（此后 10 分钟内该地址被拒绝的尝试不再逐条记录）`
      : `用户名或密码错误；地址 ${attempt.address ?? '未知'}`,
  });
}
