import { requireRole } from '#lib/server/guard.ts';
import { linkableGroups } from '#lib/server/loads.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  requireRole(locals, url, ['press_officer']);
  const [issuers, groups] = await Promise.all([locals.api.pressConference.issuers(), linkableGroups(locals.api)]);
  return { issuers, now: getRuntime().clock.now().toISOString(), groups };
};
