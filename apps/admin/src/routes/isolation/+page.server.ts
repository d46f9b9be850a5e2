import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  const [snapshots, facilities] = await Promise.all([locals.api.isolation.allSnapshots(), locals.api.isolation.facilities()]);
  return { snapshots, facilities, canSubmit: user.role === 'press_officer' };
};
