import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { Db } from '../db/database.ts';
import { SYSTEM_ACTOR } from '../shared/actor.ts';
import { InputError } from '../shared/errors.ts';
import { testDatabase } from '../test-support/db.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { activeUser, createUser, listUsers, SESSION_TTL_MS, signIn, SignInError, signOut, userForSession, type User } from './user.ts';

const NOW = new Date('2021-01-15T08:00:00+08:00');
const LIVE = { demoMode: false };

describe('users and sessions', () => {
  // Hashing is deliberately slow: one database and a few users for the whole file.
  let db: Db;
  let press: User;
  let demo: User;
  beforeAll(async () => {
    db = await testDatabase();
    const ctx = { db, actor: SYSTEM_ACTOR, now: NOW };
    press = await createUser(ctx, { username: 'press', displayName: '新闻发布员', role: 'press_officer', password: 'harbor-violet-0115' });
    demo = await createUser(ctx, { username: 'demo', displayName: '演示', role: 'admin', password: 'demo-password-2021' }, { demo: true });
  });

  it('names an active account for the command line, demo accounts only in demo mode', async () => {
    expect(await activeUser(db, 'PRESS', LIVE)).toEqual(press);
    expect(await activeUser(db, 'nobody', LIVE)).toBeNull();
    expect(await activeUser(db, 'demo', LIVE)).toBeNull();
    expect(await activeUser(db, 'demo', { demoMode: true })).toEqual(demo);
  });

  it('stores passwords only as argon2id hashes', async () => {
    const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', press.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain('harbor-violet-0115');
    expect(await verifyPassword(row.password_hash, 'harbor-violet-0115')).toBe(true);
    expect(await verifyPassword(row.password_hash, 'harbor-violet-0116')).toBe(false);
    expect(await verifyPassword('not a hash', 'anything')).toBe(false);
    // Salted: the same password never hashes to the same string twice.
    expect(await hashPassword('same-password')).not.toBe(await hashPassword('same-password'));
  });

  it('refuses a taken username and a short password', async () => {
    const ctx = { db, actor: SYSTEM_ACTOR, now: NOW };
    const taken = await createUser(ctx, { username: 'press', displayName: '另一个', role: 'reviewer', password: 'another-password' }).catch(
      (e: unknown) => e,
    );
    expect(taken).toBeInstanceOf(InputError);
    expect((taken as InputError).field).toBe('username');
    await expect(createUser(ctx, { username: 'short', displayName: '短', role: 'reviewer', password: 'short' })).rejects.toBeInstanceOf(
      ZodError,
    );
    expect((await listUsers(db)).map((u) => u.username)).toEqual(['demo', 'press']);
  });

  it('opens a session whose token is stored only as a hash, and ends it on sign-out', async () => {
    const { token, user, expiresAt } = await signIn(db, { username: 'press', password: 'harbor-violet-0115' }, NOW, LIVE);
    expect(user).toEqual(press);
    expect(expiresAt).toBe(new Date(NOW.getTime() + SESSION_TTL_MS).toISOString());
    const sessions = await db.selectFrom('session').select('id').where('user_id', '=', press.id).execute();
    expect(sessions.map((s) => s.id)).not.toContain(token);
    expect(await userForSession(db, token, NOW, LIVE)).toEqual(press);

    await signOut(db, token);
    expect(await userForSession(db, token, NOW, LIVE)).toBeNull();
  });

  it('accepts the username in any case', async () => {
    const { user } = await signIn(db, { username: ' PRESS ', password: 'harbor-violet-0115' }, NOW, LIVE);
    expect(user.id).toBe(press.id);
  });

  it('expires a session after its time to live', async () => {
    const { token } = await signIn(db, { username: 'press', password: 'harbor-violet-0115' }, NOW, LIVE);
    // However busy it is: a request every 50 minutes keeps it from going idle.
    for (let t = 50; t * 60_000 < SESSION_TTL_MS; t += 50) {
      expect(await userForSession(db, token, new Date(NOW.getTime() + t * 60_000), LIVE)).toEqual(press);
    }
    expect(await userForSession(db, token, new Date(NOW.getTime() + SESSION_TTL_MS - 1), LIVE)).toEqual(press);
    expect(await userForSession(db, token, new Date(NOW.getTime() + SESSION_TTL_MS), LIVE)).toBeNull();
    // Expired sessions are cleared out by the next sign-in.
    await signIn(db, { username: 'press', password: 'harbor-violet-0115' }, new Date(NOW.getTime() + SESSION_TTL_MS + 1), LIVE);
    const left = await db.selectFrom('session').select('expires_at').execute();
    expect(left.every((s) => s.expires_at > new Date(NOW.getTime() + SESSION_TTL_MS).toISOString())).toBe(true);
  });

  it('ends a session left idle longer than the policy allows, and counts a request as activity', async () => {
    const policy = { lifetimeMs: SESSION_TTL_MS, idleMs: 30 * 60_000 };
    const { token } = await signIn(db, { username: 'press', password: 'harbor-violet-0115' }, NOW, { ...LIVE, policy });
    const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
    expect(await userForSession(db, token, at(29), { ...LIVE, policy })).toEqual(press);
    expect(await userForSession(db, token, at(58), { ...LIVE, policy })).toEqual(press);
    expect(await userForSession(db, token, at(89), { ...LIVE, policy })).toBeNull();
    // Ended for good: it does not come back with a longer policy.
    expect(await userForSession(db, token, at(89), LIVE)).toBeNull();
  });

  it('gives the same error for a wrong password and an unknown user', async () => {
    const wrong = await signIn(db, { username: 'press', password: 'wrong-password' }, NOW, LIVE).catch((e: unknown) => e);
    const unknown = await signIn(db, { username: 'nobody', password: 'harbor-violet-0115' }, NOW, LIVE).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(SignInError);
    expect(unknown).toBeInstanceOf(SignInError);
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });

  it('lets demo accounts in only in demo mode', async () => {
    const credentials = { username: 'demo', password: 'demo-password-2021' };
    await expect(signIn(db, credentials, NOW, LIVE)).rejects.toBeInstanceOf(SignInError);
    const { token } = await signIn(db, credentials, NOW, { demoMode: true });
    expect(await userForSession(db, token, NOW, { demoMode: true })).toEqual(demo);
    expect(await userForSession(db, token, NOW, LIVE)).toBeNull();
  });

  it('shuts out a disabled user, including their open sessions', async () => {
    const ctx = { db, actor: SYSTEM_ACTOR, now: NOW };
    const leaver = await createUser(ctx, { username: 'leaver', displayName: '离职', role: 'reviewer', password: 'glass-orchard-river-17' });
    const { token } = await signIn(db, { username: 'leaver', password: 'glass-orchard-river-17' }, NOW, LIVE);
    // As disableUser leaves it, sessions aside: they are refused even if still in the table.
    await db.updateTable('app_user').set({ disabled_at: NOW.toISOString() }).where('id', '=', leaver.id).execute();
    await expect(signIn(db, { username: 'leaver', password: 'glass-orchard-river-17' }, NOW, LIVE)).rejects.toBeInstanceOf(SignInError);
    expect(await userForSession(db, token, NOW, LIVE)).toBeNull();
    expect((await listUsers(db)).map((u) => u.username)).not.toContain('leaver');
  });

  it('creates a user and opens a session only together with their audit entries', async () => {
    const ctx = { db, actor: SYSTEM_ACTOR, now: NOW };
    await sql`CREATE TRIGGER test_refuse_audit BEFORE INSERT ON audit_entry WHEN NEW.action IN ('user.create', 'user.sign_in')
      BEGIN SELECT RAISE(ABORT, 'audit refused'); END`.execute(db);
    try {
      const sessions = (await db.selectFrom('session').select('id').execute()).length;
      await expect(signIn(db, { username: 'press', password: 'harbor-violet-0115' }, NOW, LIVE)).rejects.toThrow(/audit refused/);
      expect(await db.selectFrom('session').select('id').execute()).toHaveLength(sessions);
      const ghost = { username: 'ghost', displayName: '幽灵', role: 'reviewer' as const, password: 'pale-lantern-harbor-01' };
      await expect(createUser(ctx, ghost)).rejects.toThrow(/audit refused/);
      expect(await db.selectFrom('app_user').select('id').where('username', '=', 'ghost').execute()).toEqual([]);
    } finally {
      await sql`DROP TRIGGER test_refuse_audit`.execute(db);
    }
  });
});
