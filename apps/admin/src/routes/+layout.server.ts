import { redirect } from '@sveltejs/kit';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, url }) => {
  if (!locals.user && url.pathname !== '/login') redirect(303, `/login?next=${encodeURIComponent(url.pathname)}`);
  return { user: locals.user };
};
