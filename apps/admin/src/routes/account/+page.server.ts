import { fail, redirect } from '@sveltejs/kit';
import { refused } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  if (!locals.user) redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
  return { sessions: await locals.api.account.sessions() };
};

// Plain form posts: each works without the page's scripts.
export const actions: Actions = {
  password: async ({ request, locals }) => {
    const form = await request.formData();
    const currentPassword = String(form.get('currentPassword') ?? '');
    const newPassword = String(form.get('newPassword') ?? '');
    if (newPassword !== String(form.get('repeatPassword') ?? '')) {
      return fail(400, { action: 'password', error: '两次输入的新密码不一致', field: 'repeatPassword' });
    }
    try {
      await locals.api.account.changePassword({ currentPassword, newPassword });
    } catch (error) {
      return fail(400, { action: 'password', ...refused(error, '未能修改密码') });
    }
    return { action: 'password', message: '密码已修改；您在其他设备上的登录已结束。' };
  },
  totpBegin: async ({ request, locals }) => {
    const currentPassword = String((await request.formData()).get('currentPassword') ?? '');
    try {
      const setup = await locals.api.account.totpBegin({ currentPassword });
      return { action: 'totp', setup: { secret: setup.secret, qrSvg: setup.qrSvg } };
    } catch (error) {
      return fail(400, { action: 'totp', ...refused(error, '未能生成二维码') });
    }
  },
  totpConfirm: async ({ request, locals }) => {
    const code = String((await request.formData()).get('code') ?? '');
    try {
      await locals.api.account.totpConfirm({ code });
    } catch (error) {
      return fail(400, { action: 'totp', ...refused(error, '未能启用两步验证') });
    }
    return { action: 'totp', message: '两步验证已启用：以后登录时须输入验证器上的验证码。' };
  },
  endSession: async ({ request, locals }) => {
    const handle = String((await request.formData()).get('handle') ?? '');
    try {
      await locals.api.account.endSession({ handle });
    } catch (error) {
      return fail(400, { action: 'sessions', ...refused(error, '未能结束会话') });
    }
    return { action: 'sessions', message: '已结束该会话。' };
  },
  endOthers: async ({ locals }) => {
    try {
      const { ended } = await locals.api.account.endOtherSessions();
      return { action: 'sessions', message: ended === 0 ? '没有其他会话。' : `已结束其他 ${ended} 个会话。` };
    } catch (error) {
      return fail(400, { action: 'sessions', ...refused(error, '未能结束会话') });
    }
  },
};
