import { requireRole } from '#lib/server/guard.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['press_officer', 'reviewer']);
  return { rounds: await locals.api.testingRound.all(), canSubmit: user.role === 'press_officer' };
};
