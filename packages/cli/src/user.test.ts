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
    await ws.account('li.hua', 'press_officer');
    const taken = await ws.epi(['user', 'create', '--username', 'li.hua', '--name', '李华', '--role', 'admin'], 'long-enough-password\n');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('username: 用户名 li.hua 已被使用');
    expect(await listUsers(await ws.db())).toHaveLength(1);
  });
});
