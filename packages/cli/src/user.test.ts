import { listAudit, listUsers, verifyPassword } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { cliTest as it } from './test-support/cli.ts';

describe('epi user create', () => {
  it('creates the first admin on a new database, password from the first line of standard input, recorded as 命令行', async ({ ws }) => {
    const r = await ws.epi(
      ['user', 'create', '--username', 'li.hua', '--name', '李华', '--role', 'admin'],
      'first-admin-password\nignored\n',
    );
    expect(r).toMatchObject({ code: 0, stdout: 'Created admin li.hua (李华).\n' });
    expect(r.stderr).toContain('migrated: 0001-initial');
    const db = await ws.db();
    const [user] = await listUsers(db);
    expect(user).toMatchObject({ username: 'li.hua', displayName: '李华', role: 'admin', isDemo: false });
    const row = await db.selectFrom('app_user').select('password_hash').where('username', '=', 'li.hua').executeTakeFirstOrThrow();
    expect(await verifyPassword(row.password_hash, 'first-admin-password')).toBe(true);
    const [entry] = await listAudit(db, { entityType: 'user' });
    expect(entry).toMatchObject({ action: 'user.create', actorId: null, actorName: '命令行', entityId: user!.id });
  });

  it('records the creation as the admin named by --user', async ({ ws }) => {
    const admin = await ws.account('admin.wang', 'admin');
    const r = await ws.epi(
      ['user', 'create', '--username', 'zhao', '--name', '赵审核', '--role', 'reviewer', '--user', 'admin.wang', '--json'],
      'reviewer-password-1\n',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ username: 'zhao', name: '赵审核', role: 'reviewer' });
    const [entry] = await listAudit(await ws.db(), { entityType: 'user', limit: 1 });
    expect(entry).toMatchObject({ action: 'user.create', actorId: admin.id, actorName: admin.displayName });
  });

  it('refuses, naming the field, a short password or a name already taken (exit code 1)', async ({ ws }) => {
    const short = await ws.epi(['user', 'create', '--username', 'li.hua', '--name', '李华', '--role', 'admin'], 'short\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('password: 密码至少 12 位');
    const weak = await ws.epi(['user', 'create', '--username', 'li.hua', '--name', '李华', '--role', 'admin'], 'qwertyuiop12\n');
    expect(weak.code).toBe(1);
    expect(weak.stderr).toContain('password: 密码太容易被猜到');
    await ws.account('li.hua', 'press_officer');
    const taken = await ws.epi(['user', 'create', '--username', 'li.hua', '--name', '李华', '--role', 'admin'], 'long-enough-password\n');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('username: 用户名 li.hua 已被使用');
    expect(await listUsers(await ws.db())).toHaveLength(1);
  });
});

describe('epi user: managing accounts', () => {
  it('lists, disables with a reason, enables, changes a role, resets a password and ends sessions, each in the audit log', async ({
    ws,
  }) => {
    await ws.account('admin.wang', 'admin');
    const li = await ws.account('li.hua', 'press_officer');
    const as = ['--user', 'admin.wang'];

    const disabled = await ws.epi(['user', 'disable', 'li.hua', '--reason', '调离新闻办', ...as]);
    expect(disabled).toMatchObject({ code: 0, stdout: 'Disabled; its sessions have ended.\n' });
    const list = await ws.epi(['user', 'list', '--json']);
    expect(JSON.parse(list.stdout).find((a: { username: string }) => a.username === 'li.hua').disabledAt).not.toBeNull();
    expect((await ws.epi(['user', 'enable', 'li.hua', ...as])).code).toBe(0);
    expect((await ws.epi(['user', 'role', 'li.hua', 'reviewer', ...as])).stdout).toBe('Role changed to reviewer (审核).\n');
    const reset = await ws.epi(['user', 'reset', 'li.hua', ...as]);
    expect(reset.stdout).toMatch(/^([a-z2-9]{4}-){3}[a-z2-9]{4}\n$/);
    expect((await ws.epi(['user', 'revoke', 'li.hua', ...as])).stdout).toBe('Ended 0 sessions.\n');

    const log = await listAudit(await ws.db(), { entityType: 'user', entityId: li.id });
    expect(log.map((e) => e.action).reverse()).toEqual([
      'user.create',
      'user.disable',
      'user.enable',
      'user.set_role',
      'user.reset_password',
      'user.revoke_sessions',
    ]);
    expect(log.every((e) => e.action === 'user.create' || e.actorName === 'admin.wang 姓名')).toBe(true);
  });

  it('refuses, with the reason, an unknown account, a non-admin, a wrong role and the last admin', async ({ ws }) => {
    await ws.account('admin.wang', 'admin');
    await ws.account('li.hua', 'press_officer');
    const unknown = await ws.epi(['user', 'enable', 'nobody', '--user', 'admin.wang']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有用户名为 nobody 的账号');
    const notAdmin = await ws.epi(['user', 'disable', 'admin.wang', '--reason', 'x', '--user', 'li.hua']);
    expect(notAdmin.code).toBe(1);
    expect(notAdmin.stderr).toContain('may not do this');
    const wrongRole = await ws.epi(['user', 'role', 'li.hua', 'boss', '--user', 'admin.wang']);
    expect(wrongRole.code).toBe(2);
    const noTotp = await ws.epi(['user', 'reset-totp', 'li.hua', '--user', 'admin.wang']);
    expect(noTotp.code).toBe(1);
    expect(noTotp.stderr).toContain('li.hua 没有启用两步验证');
    const self = await ws.epi(['user', 'disable', 'admin.wang', '--reason', '试试', '--user', 'admin.wang']);
    expect(self.code).toBe(1);
    expect(self.stderr).toContain('不能停用自己的账号');
  });
});
