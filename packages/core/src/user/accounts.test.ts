import { beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../db/database.ts';
import { listAudit } from '../audit/audit.ts';
import { SYSTEM_ACTOR, type WriteContext } from '../shared/actor.ts';
import { ConflictError, InputError, PermissionError } from '../shared/errors.ts';
import { testDatabase } from '../test-support/db.ts';
import {
  changeOwnPassword,
  disableUser,
  enableUser,
  endOtherSessions,
  endOwnSession,
  listAccounts,
  listSessions,
  resetPassword,
  revokeSessions,
  setUserRole,
  temporaryPassword,
} from './accounts.ts';
import { actorOf, createUser, signIn, SignInError, userForSession, type User } from './user.ts';

const NOW = new Date('2021-01-15T08:00:00+08:00');
const LIVE = { demoMode: false };
const PASSWORD = { chief: 'kettle-lantern-0105', deputy: 'meadow-copper-0116', li: 'harbor-violet-0115' };

describe('accounts an admin manages', () => {
  let db: Db;
  let chief: User;
  let deputy: User;
  let li: User;
  const as = (user: User, now = NOW): WriteContext & { actor: { id: string } } => ({ db, actor: { ...actorOf(user), id: user.id }, now });
  const session = (username: keyof typeof PASSWORD, address = '198.51.100.4') =>
    signIn(db, { username, password: PASSWORD[username] }, NOW, { ...LIVE, address, userAgent: 'Mozilla/5.0 (Android 10)' });

  beforeEach(async () => {
    db = await testDatabase();
    const setup = { db, actor: SYSTEM_ACTOR, now: NOW };
    chief = await createUser(setup, { username: 'chief', displayName: '张主任', role: 'admin', password: PASSWORD.chief });
    deputy = await createUser(setup, { username: 'deputy', displayName: '王副主任', role: 'admin', password: PASSWORD.deputy });
    li = await createUser(setup, { username: 'li', displayName: '李华', role: 'press_officer', password: PASSWORD.li });
  });

  it('disables an account at once, ending its sessions, and enables it again; both in the audit log', async () => {
    const { token } = await session('li');
    await disableUser(as(chief), { userId: li.id, reason: '调离新闻办' });
    expect(await userForSession(db, token, NOW, LIVE)).toBeNull();
    await expect(session('li')).rejects.toBeInstanceOf(SignInError);
    expect(await db.selectFrom('session').where('user_id', '=', li.id).selectAll().execute()).toEqual([]);
    const listed = (await listAccounts(db, NOW)).find((a) => a.id === li.id);
    expect(listed?.disabledAt).toBe(NOW.toISOString());
    await expect(disableUser(as(chief), { userId: li.id, reason: '再次' })).rejects.toBeInstanceOf(ConflictError);

    await enableUser(as(chief), { userId: li.id });
    await session('li');
    const log = await listAudit(db, { entityType: 'user', entityId: li.id });
    const disable = log.find((e) => e.action === 'user.disable');
    expect(disable).toMatchObject({ actorName: '张主任', reason: '调离新闻办', after: { disabled: true, sessionsEnded: 1 } });
    expect(log.map((e) => e.action)).toContain('user.enable');
  });

  it('never lets an admin shut out themselves or the last active admin', async () => {
    await expect(disableUser(as(chief), { userId: chief.id, reason: '试试' })).rejects.toBeInstanceOf(PermissionError);
    await expect(setUserRole(as(chief), { userId: chief.id, role: 'reviewer' })).rejects.toBeInstanceOf(PermissionError);
    await expect(resetPassword(as(chief), { userId: chief.id })).rejects.toBeInstanceOf(PermissionError);
    await disableUser(as(chief), { userId: deputy.id, reason: '休假' });
    // The chief is now the only admin: the deputy, enabled again, cannot take away that role either.
    await enableUser(as(chief), { userId: deputy.id });
    await setUserRole(as(deputy), { userId: chief.id, role: 'reviewer' });
    await expect(setUserRole(as(chief), { userId: deputy.id, role: 'reviewer' })).rejects.toThrow('这是唯一可用的管理员账号，不能改为审核');
    const error = await disableUser(as(li), { userId: deputy.id, reason: '越权' }).catch((e: unknown) => e);
    // Only the API checks roles; the rule of the last admin holds whoever asks.
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as Error).message).toBe('这是唯一可用的管理员账号，不能停用');
  });

  it('changes a role, effective with the next request, and records before and after', async () => {
    const { token } = await session('li');
    expect(await setUserRole(as(chief), { userId: li.id, role: 'reviewer' })).toEqual({ changed: true });
    expect((await userForSession(db, token, NOW, LIVE))?.role).toBe('reviewer');
    expect(await setUserRole(as(chief), { userId: li.id, role: 'reviewer' })).toEqual({ changed: false });
    const [entry] = await listAudit(db, { entityType: 'user', entityId: li.id, actions: ['user.set_role'] });
    expect(entry).toMatchObject({ before: { role: 'press_officer' }, after: { role: 'reviewer' } });
  });

  it('resets a password to a temporary one that must be changed before anything else', async () => {
    const { token: old } = await session('li');
    const { temporaryPassword: temporary } = await resetPassword(as(chief), { userId: li.id });
    expect(temporary).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}$/);
    expect(await userForSession(db, old, NOW, LIVE)).toBeNull();
    await expect(session('li')).rejects.toBeInstanceOf(SignInError);
    const { token, user } = await signIn(db, { username: 'li', password: temporary }, NOW, LIVE);
    expect(user.mustChangePassword).toBe(true);
    // The log says a reset happened, never the password.
    const log = await listAudit(db, { entityType: 'user', entityId: li.id, actions: ['user.reset_password'] });
    expect(JSON.stringify(log)).not.toContain(temporary);

    await changeOwnPassword(as(li), { currentPassword: temporary, newPassword: 'quiet-river-lantern-88' }, token);
    expect((await userForSession(db, token, NOW, LIVE))?.mustChangePassword).toBe(false);
    await signIn(db, { username: 'li', password: 'quiet-river-lantern-88' }, NOW, LIVE);
  });

  it('refuses a new password that is weak, contains the name, or is the current one, naming the field', async () => {
    const { token } = await session('li');
    const refusal = async (currentPassword: string, newPassword: string) => {
      const error = await changeOwnPassword(as(li), { currentPassword, newPassword }, token).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InputError);
      return { field: (error as InputError).field, message: (error as Error).message };
    };
    expect(await refusal('not-my-password', 'quiet-river-lantern-88')).toEqual({
      field: 'currentPassword',
      message: '当前密码不正确',
    });
    expect(await refusal(PASSWORD.li, PASSWORD.li)).toMatchObject({ field: 'newPassword' });
    expect(await refusal(PASSWORD.li, 'li-password-2021')).toEqual({ field: 'newPassword', message: '密码不能包含用户名或姓名' });
    expect(await refusal(PASSWORD.li, 'password1234')).toMatchObject({
      field: 'newPassword',
      message: expect.stringMatching(/太容易被猜到/),
    });
    await signIn(db, { username: 'li', password: PASSWORD.li }, NOW, LIVE);
  });

  it('changing a password ends the other sessions, not the one that changed it', async () => {
    const here = await session('li');
    const there = await session('li', '203.0.113.9');
    await changeOwnPassword(as(li), { currentPassword: PASSWORD.li, newPassword: 'quiet-river-lantern-88' }, here.token);
    expect(await userForSession(db, here.token, NOW, LIVE)).not.toBeNull();
    expect(await userForSession(db, there.token, NOW, LIVE)).toBeNull();
  });

  it('shows a user their own sessions by where and with what, and ends one or all the others', async () => {
    const here = await session('li');
    const phone = await session('li', '203.0.113.9');
    await session('li', '203.0.113.10');
    const sessions = await listSessions(db, li.id, here.token, NOW);
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    expect(sessions.map((s) => s.address).sort()).toEqual(['198.51.100.4', '203.0.113.10', '203.0.113.9']);
    expect(JSON.stringify(sessions)).not.toContain(here.token);

    const phoneHandle = (await listSessions(db, li.id, phone.token, NOW)).find((s) => s.current)!.handle;
    await endOwnSession(as(li), { handle: phoneHandle });
    expect(await userForSession(db, phone.token, NOW, LIVE)).toBeNull();
    // Another user's session cannot be ended by its handle.
    const chiefs = await session('chief');
    const chiefHandle = (await listSessions(db, chief.id, chiefs.token, NOW))[0]!.handle;
    await expect(endOwnSession(as(li), { handle: chiefHandle })).rejects.toThrow('没有这个会话');

    expect(await endOtherSessions(as(li), here.token)).toEqual({ ended: 1 });
    expect((await listSessions(db, li.id, here.token, NOW)).map((s) => s.current)).toEqual([true]);
  });

  it("lets an admin end all of an account's sessions, counted in the log", async () => {
    await session('li');
    await session('li');
    expect(await revokeSessions(as(chief), { userId: li.id })).toEqual({ ended: 2 });
    const accounts = await listAccounts(db, NOW);
    expect(accounts.find((a) => a.id === li.id)?.openSessions).toBe(0);
    const [entry] = await listAudit(db, { entityType: 'user', entityId: li.id, actions: ['user.revoke_sessions'] });
    expect(entry?.after).toMatchObject({ sessionsEnded: 2 });
  });

  it('makes temporary passwords of 16 unambiguous characters that differ each time', () => {
    const made = new Set(Array.from({ length: 200 }, temporaryPassword));
    expect(made.size).toBe(200);
    for (const p of made) expect(p).not.toMatch(/[01ilo]/);
  });
});
