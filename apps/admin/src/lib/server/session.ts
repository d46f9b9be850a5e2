import type { Cookies } from '@sveltejs/kit';
import type { SessionCookie } from '@epi/api';

export const SESSION_COOKIE = 'epi_session';

export function sessionCookie(cookies: Cookies, secure: boolean): SessionCookie {
  return {
    set(token, expiresAt) {
      cookies.set(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure,
        expires: new Date(expiresAt),
      });
    },
    clear() {
      cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure });
    },
  };
}
