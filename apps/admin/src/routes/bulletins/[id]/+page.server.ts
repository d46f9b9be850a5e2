import { orNotFound, requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer', 'admin']);
  const bulletin = await orNotFound(locals.api.bulletin.get({ id: params.id }), '该公告不存在');
  const [transitions, revisions] = await Promise.all([
    locals.api.bulletin.transitions({ id: params.id }),
    locals.api.bulletin.revisions({ id: params.id }),
  ]);
  return {
    bulletin,
    transitions,
    revisions: revisions.map((r) => ({
      number: r.number,
      createdAt: r.createdAt,
      createdBy: r.createdBy?.name ?? null,
      changeReason: r.changeReason,
    })),
    user: { id: user.id, role: user.role },
    canEdit: user.role === 'press_officer',
    now: getRuntime().clock.now().toISOString(),
  };
};
