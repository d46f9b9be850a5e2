import { orNotFound, requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
  requireRole(locals, url, ['press_officer']);
  const [report, districts] = await Promise.all([
    orNotFound(locals.api.report.get({ id: params.id }), '该通报不存在'),
    locals.api.district.list(),
  ]);
  return { report, districts };
};
