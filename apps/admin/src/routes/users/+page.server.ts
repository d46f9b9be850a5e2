import { fail } from '@sveltejs/kit';
import { refused, requireRole } from '#lib/server/guard.ts';
import type { Role } from '@epi/core';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const me = requireRole(locals, url, ['admin']);
  return { accounts: await locals.api.user.list(), me: me.id };
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');

/** One account's action as a plain form post; the answer names the account it was about. */
function onAccount(run: (api: App.Locals['api'], form: FormData) => Promise<string>): Actions[string] {
  return async ({ request, locals, url }) => {
    requireRole(locals, url, ['admin']);
    const form = await request.formData();
    const userId = text(form, 'userId');
    try {
      return { userId, message: await run(locals.api, form) };
    } catch (error) {
      return fail(400, { userId, ...refused(error, '未能完成') });
    }
  };
}

export const actions: Actions = {
  create: async ({ request, locals, url }) => {
    requireRole(locals, url, ['admin']);
    const form = await request.formData();
    const values = { username: text(form, 'username'), displayName: text(form, 'displayName'), role: text(form, 'role') };
    try {
      const user = await locals.api.user.create({ ...values, role: values.role as Role, password: text(form, 'password') });
      return { created: true, message: `已创建账号 ${user.username}` };
    } catch (error) {
      return fail(400, { created: false, values, ...refused(error, '未能创建账号') });
    }
  },
  role: onAccount(async (api, form) => {
    const { changed } = await api.user.setRole({ userId: text(form, 'userId'), role: text(form, 'role') as Role });
    return changed ? '角色已更改，下次操作起生效' : '角色未变';
  }),
  disable: onAccount(async (api, form) => {
    await api.user.disable({ userId: text(form, 'userId'), reason: text(form, 'reason') });
    return '已停用，其所有会话已结束';
  }),
  enable: onAccount(async (api, form) => {
    await api.user.enable({ userId: text(form, 'userId') });
    return '已重新启用';
  }),
  reset: onAccount(async (api, form) => {
    const { temporaryPassword } = await api.user.resetPassword({ userId: text(form, 'userId') });
    return `临时密码：${temporaryPassword}（只显示这一次；请当面或电话告知本人，登录后须立即修改）`;
  }),
  resetTotp: onAccount(async (api, form) => {
    await api.user.resetTotp({ userId: text(form, 'userId') });
    return '已清除两步验证，其会话已结束；下次登录后须重新设置';
  }),
  revoke: onAccount(async (api, form) => {
    const { ended } = await api.user.revokeSessions({ userId: text(form, 'userId') });
    return ended === 0 ? '没有打开的会话' : `已结束 ${ended} 个会话`;
  }),
};
