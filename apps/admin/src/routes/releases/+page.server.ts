import { requireRole } from '#lib/server/guard.ts';
import { getRuntime } from '#lib/server/runtime.ts';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
  const user = requireRole(locals, url, ['admin', 'press_officer', 'reviewer']);
  const [releases, changes, blocked] = await Promise.all([
    locals.api.release.list(),
    locals.api.release.changes(),
    locals.api.release.blocked(),
  ]);
  const runtime = getRuntime();
  return {
    releases,
    changes,
    blocked,
    publicUrl: runtime.config.publicUrl,
    alert: runtime.publisher.alert,
    canRequest: user.role === 'admin',
    canRetry: user.role === 'admin' || user.role === 'press_officer',
  };
};
