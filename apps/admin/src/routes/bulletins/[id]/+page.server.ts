import { orNotFound, requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer', 'admin']);
  const bulletin = await orNotFound(locals.api.bulletin.get({ id: params.id }), '该公告不存在');
  const takesDown = user.role === 'admin' || user.role === 'reviewer';
  const [transitions, revisions, takedowns] = await Promise.all([
    locals.api.bulletin.transitions({ id: params.id }),
    locals.api.bulletin.revisions({ id: params.id }),
    takesDown ? locals.api.bulletin.takedowns() : Promise.resolve([]),
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
    /** A takedown asked for and waiting for the other role (admins and reviewers only). */
    takedown: takedowns.find((t) => t.bulletinId === params.id) ?? null,
    canEdit: user.role === 'press_officer',
    now: getRuntime().clock.now().toISOString(),
  };
};
