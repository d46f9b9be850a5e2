import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

/** Only same-site paths: an open redirect would let a link send a signed-in officer anywhere. */
function safeNext(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/';
}

export const load: PageServerLoad = async ({ locals, url }) => {
  if (locals.user) redirect(303, safeNext(url.searchParams.get('next')));
  return {};
};

// A plain form post: signing in works before (or without) the page's scripts, and the password
// never ends up in a URL.
export const actions: Actions = {
  default: async ({ request, locals, url }) => {
    const form = await request.formData();
    const username = String(form.get('username') ?? '');
    const password = String(form.get('password') ?? '');
    const code = String(form.get('code') ?? '');
    try {
      await locals.api.auth.signIn({ username, password, code });
    } catch (error) {
      const message = error instanceof Error ? error.message : '登录失败';
      const cause = error instanceof Error ? (error.cause as { name?: string } | undefined) : undefined;
      return fail(400, { username, message, needCode: cause?.name === 'TotpRequiredError' || cause?.name === 'TotpError' });
    }
    redirect(303, safeNext(url.searchParams.get('next')));
  },
};
