import { createUser, listAudit, SYSTEM_ACTOR } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { errorOf, FakeCookie, outcomeOf, PASSWORDS, routerTest as it } from '../test-support.ts';

describe('auth router', () => {
  it('signs in with the right password; the token goes only to the cookie', async ({ api }) => {
    const press = await api.user('press_officer');
    const cookie = new FakeCookie();
    const result = await (await api.as(null, { cookie })).auth.signIn({ username: press.username, password: PASSWORDS.press_officer });

    expect(result).not.toHaveProperty('token');
    expect(JSON.stringify(result)).not.toContain(cookie.sets[0]?.token ?? '(no cookie was set)');
    expect(result.user).toEqual(press);
    expect(cookie.sets).toHaveLength(1);
    expect(cookie.sets[0]!.expiresAt).toBe(result.expiresAt);
    expect(result.expiresAt).toBe(new Date(api.clock.now.getTime() + 12 * 60 * 60 * 1000).toISOString());

    const me = await (await api.withToken(cookie.sets[0]!.token)).auth.me();
    expect(me).toEqual(press);
    const [entry] = await listAudit(api.db, { entityType: 'user', entityId: press.id });
    expect(entry).toMatchObject({ action: 'user.sign_in', actorId: press.id });
  });

  it('refuses a wrong password and an unknown user with the same error, and sets no cookie', async ({ api }) => {
    const press = await api.user('press_officer');
    const cookie = new FakeCookie();
    const anonymous = await api.as(null, { cookie });
    const wrong = await errorOf(anonymous.auth.signIn({ username: press.username, password: 'not-the-password' }));
    const unknown = await errorOf(anonymous.auth.signIn({ username: 'nobody', password: PASSWORDS.press_officer }));
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.message).not.toContain(press.username);
    expect(cookie.sets).toEqual([]);
  });

  it('refuses demo accounts unless the system runs in demo mode', async ({ api }) => {
    const demo = await createUser(
      { db: api.db, actor: SYSTEM_ACTOR, now: api.clock.now },
      { username: 'demo-admin', displayName: '演示管理员', role: 'admin', password: 'demo-admin-2021' },
      { demo: true },
    );
    const credentials = { username: 'demo-admin', password: 'demo-admin-2021' };

    const refused = await errorOf((await api.as(null)).auth.signIn(credentials));
    expect(refused.code).toBe('UNAUTHORIZED');
    expect(refused.message).toBe('用户名或密码不正确');

    const cookie = new FakeCookie();
    const signedIn = await (await api.as(null, { cookie, demoMode: true })).auth.signIn(credentials);
    expect(signedIn.user).toMatchObject({ id: demo.id, isDemo: true });
    const token = cookie.sets[0]!.token;
    expect(await (await api.withToken(token, { demoMode: true })).auth.me()).toMatchObject({ id: demo.id });
    // The same session is worthless once demo mode is switched off.
    expect(await (await api.withToken(token, { demoMode: false })).auth.me()).toBeNull();
  });

  it('tells an anonymous caller that nobody is signed in', async ({ api }) => {
    expect(await (await api.as(null)).auth.me()).toBeNull();
    expect(await (await api.withToken('made-up-token')).auth.me()).toBeNull();
  });

  it('signs out: the cookie is cleared and the session no longer works', async ({ api }) => {
    const admin = await api.user('admin');
    const cookie = new FakeCookie();
    await (await api.as(null, { cookie })).auth.signIn({ username: admin.username, password: PASSWORDS.admin });
    const token = cookie.sets[0]!.token;
    const caller = await api.withToken(token, { cookie });
    expect(await caller.auth.me()).toEqual(admin);

    expect(await caller.auth.signOut()).toEqual({ ok: true });
    expect(cookie.clears).toBe(1);

    const after = await api.withToken(token);
    expect(await after.auth.me()).toBeNull();
    expect(await outcomeOf(after.audit.list())).toBe('UNAUTHORIZED');
    // Signing out one session leaves the user's other sessions alone.
    expect(await outcomeOf((await api.as('admin')).audit.list())).toBe('OK');
  });

  it('clears the cookie of an expired session on sign-out', async ({ api }) => {
    const cookie = new FakeCookie();
    const caller = await api.withToken('expired-or-unknown-token', { cookie });
    expect(await caller.auth.me()).toBeNull();
    expect(await caller.auth.signOut()).toEqual({ ok: true });
    expect(cookie.clears).toBe(1);
  });

  it('ends a session after 12 hours', async ({ api }) => {
    const reviewer = await api.as('reviewer');
    expect(await reviewer.auth.me()).toMatchObject({ role: 'reviewer' });
    api.clock.now = new Date(api.clock.now.getTime() + 12 * 60 * 60 * 1000);
    expect(await (await api.as('reviewer')).auth.me()).toBeNull();
  });
});
