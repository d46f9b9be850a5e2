import { fail } from '@sveltejs/kit';
import { requireRole } from '#lib/server/guard.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['admin']);
  const [schemes, signInFailures] = await Promise.all([
    locals.api.zone.levelSchemes(),
    locals.api.audit.list({ actions: ['user.sign_in_failed', 'user.sign_in_refused'], limit: 50 }),
  ]);
  return { schemes, signInFailures };
};

// A plain form post: choosing the scheme works without the page's scripts.
export const actions: Actions = {
  levelScheme: async ({ request, locals, url }) => {
    requireRole(locals, url, ['admin']);
    const schemeId = String((await request.formData()).get('schemeId') ?? '');
    try {
      const { changed, schemes } = await locals.api.zone.setLevelScheme({ schemeId });
      const name = schemes.find((s) => s.inForce)?.name ?? schemeId;
      return { message: changed ? `已启用等级体系：${name}` : `等级体系未变：${name}` };
    } catch (error) {
      return fail(400, { error: error instanceof Error ? error.message : '未能保存' });
    }
  },
};
