import { createUser, listAudit, SYSTEM_ACTOR, totpCodeAt } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { ADMIN_TOTP_KEY, errorOf, FakeCookie, PASSWORDS, routerTest as it, type TestApi } from '../test-support.ts';

const later = (api: TestApi, seconds: number) => {
  api.clock.now = new Date(api.clock.now.getTime() + seconds * 1000);
};

describe('two-step sign-in (TOTP)', () => {
  it('asks an account with a key for its code, refuses a wrong or reused one as a failure, and lets the right one in', async ({ api }) => {
    const admin = await api.user('admin');
    later(api, 60);
    const anonymous = await api.as(null, { cookie: new FakeCookie() });
    const credentials = { username: admin.username, password: PASSWORDS.admin };
    const asked = await errorOf(anonymous.auth.signIn(credentials));
    expect(asked.message).toBe('该账号已启用两步验证：请输入手机验证器上的 6 位验证码');
    const wrong = await errorOf(anonymous.auth.signIn({ ...credentials, code: '000000' }));
    expect(wrong.code).toBe('UNAUTHORIZED');
    const code = totpCodeAt(ADMIN_TOTP_KEY, api.clock.now);
    await anonymous.auth.signIn({ ...credentials, code });
    // The same code again (a shoulder-surfer, a replay) is refused.
    expect((await errorOf(anonymous.auth.signIn({ ...credentials, code }))).message).toMatch(/^验证码不正确或已用过/);
    const failures = await listAudit(api.db, { actions: ['user.sign_in_failed'] });
    expect(failures).toHaveLength(2);
  });

  it('holds an admin without a second factor (outside demo mode) to setting one up, asking for the password first', async ({ api }) => {
    const setup = { db: api.db, actor: SYSTEM_ACTOR, now: api.clock.now };
    await createUser(setup, { username: 'new.admin', displayName: '新管理员', role: 'admin', password: 'amber-thistle-0121' });
    const cookie = new FakeCookie();
    await (await api.as(null, { cookie })).auth.signIn({ username: 'new.admin', password: 'amber-thistle-0121' });
    const held = await api.withToken(cookie.sets[0]!.token);
    expect((await errorOf(held.audit.list())).message).toBe('管理员须先启用两步验证（我的账户）');

    expect((await errorOf(held.account.totpBegin({ currentPassword: 'wrong-password' }))).message).toBe('当前密码不正确');
    const { secret, uri, qrSvg } = await held.account.totpBegin({ currentPassword: 'amber-thistle-0121' });
    expect(uri).toMatch(/^otpauth:\/\/totp\/[^?]+:new\.admin\?issuer=.+&secret=[A-Z2-7]+&period=30&digits=6$/);
    expect(uri).toContain(`secret=${secret}`);
    expect(qrSvg).toMatch(/^<svg[\s\S]+<\/svg>\s*$/);
    const row = await api.db
      .selectFrom('app_user')
      .select(['totp_pending_key', 'totp_key'])
      .where('username', '=', 'new.admin')
      .executeTakeFirstOrThrow();
    expect(row.totp_key).toBeNull();
    expect((await errorOf(held.account.totpConfirm({ code: '123456' }))).message).toMatch(/^验证码不正确/);
    await held.account.totpConfirm({ code: totpCodeAt(row.totp_pending_key!, api.clock.now) });
    await (await api.withToken(cookie.sets[0]!.token)).audit.list();

    // Another admin clears it after a lost phone: its sessions end, and it sets one up again.
    const other = await api.as('admin');
    const me = (await other.user.list()).find((a) => a.username === 'new.admin')!;
    expect(me.totpEnabled).toBe(true);
    await other.user.resetTotp({ userId: me.id });
    expect(await (await api.withToken(cookie.sets[0]!.token)).auth.me()).toBeNull();
    const [entry] = await listAudit(api.db, { actions: ['user.totp_reset'] });
    expect(entry).toMatchObject({ entityId: me.id });
  });
});
