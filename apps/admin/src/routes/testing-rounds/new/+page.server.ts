import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['press_officer']);
  const [districts, nextNumber] = await Promise.all([locals.api.district.list(), locals.api.testingRound.nextNumber()]);
  return { districts, nextNumber };
};
