import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
  if (!locals.user && url.pathname !== '/login') redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
  // A temporary password set by an admin must be changed before anything else.
  // So must an admin's second factor outside demo mode.
  const held = locals.user?.mustChangePassword || locals.context.mustEnrollTotp;
  if (held && url.pathname !== '/account') redirect(303, '/account');
  return { user: locals.user, mustEnrollTotp: locals.context.mustEnrollTotp };
};
