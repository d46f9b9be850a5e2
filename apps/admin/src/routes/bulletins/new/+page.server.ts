import { requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['press_officer']);
  return { now: getRuntime().clock.now().toISOString() };
};
