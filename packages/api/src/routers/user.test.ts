import { describe, expect } from 'vitest';
import { errorOf, FakeCookie, PASSWORDS, routerTest as it } from '../test-support.ts';

describe('user and account routers', () => {
  it('lets an admin create an account only with a password that passes the policy, naming the field', async ({ api }) => {
    const admin = await api.as('admin');
    const weak = await errorOf(
      admin.user.create({ username: 'zhao.lei', displayName: '赵磊', role: 'reviewer', password: 'zhao.lei-2021!' }),
    );
    expect(weak.code).toBe('BAD_REQUEST');
    expect(weak.message).toBe('密码不能包含用户名或姓名');
    const common = await errorOf(
      admin.user.create({ username: 'zhao.lei', displayName: '赵磊', role: 'reviewer', password: 'password1234' }),
    );
    expect(common.message).toMatch(/^密码太容易被猜到/);
    const created = await admin.user.create({
      username: 'zhao.lei',
      displayName: '赵磊',
      role: 'reviewer',
      password: 'amber-thistle-0121',
    });
    expect((await admin.user.list()).map((a) => a.username)).toContain(created.username);
  });

  it('holds a user with a temporary password to changing it: every other procedure is refused until then', async ({ api }) => {
    const admin = await api.as('admin');
    const press = await api.user('press_officer');
    const { temporaryPassword } = await admin.user.resetPassword({ userId: press.id });
    // The reset ended the press officer's session.
    expect(await (await api.as('press_officer')).auth.me()).toBeNull();

    const cookie = new FakeCookie();
    const signedIn = await (await api.as(null, { cookie })).auth.signIn({ username: press.username, password: temporaryPassword });
    expect(signedIn.user.mustChangePassword).toBe(true);
    const held = await api.withToken(cookie.sets[0]!.token);
    const refused = await errorOf(held.report.all());
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('请先修改管理员设置的临时密码');
    expect(await held.account.sessions()).toHaveLength(1);

    await held.account.changePassword({ currentPassword: temporaryPassword, newPassword: 'amber-thistle-0121' });
    const freed = await api.withToken(cookie.sets[0]!.token);
    expect((await freed.auth.me())?.mustChangePassword).toBe(false);
    await freed.report.all();
    expect(PASSWORDS.press_officer).not.toBe('amber-thistle-0121');
  });

  it('stops a disabled account at its next request', async ({ api }) => {
    const admin = await api.as('admin');
    const reviewer = await api.user('reviewer');
    await (await api.as('reviewer')).review.queue();
    await admin.user.disable({ userId: reviewer.id, reason: '离岗' });
    // Each request reads its session anew: the same cookie no longer gets anywhere.
    const after = await api.as('reviewer');
    expect(await after.auth.me()).toBeNull();
    expect((await errorOf(after.review.queue())).code).toBe('UNAUTHORIZED');
    const accounts = await admin.user.list();
    expect(accounts.find((a) => a.id === reviewer.id)?.disabledAt).not.toBeNull();
  });
});
