import { building } from '$app/env';
import { createCaller, createContext } from '@epi/api';
import type { Handle, ServerInit } from '@sveltejs/kit/hooks';
import { getRuntime, startRuntime } from '#lib/server/runtime.ts';
import { isCrossSite } from '#lib/server/same-origin.ts';
import { SESSION_COOKIE, sessionCookie } from '#lib/server/session.ts';

export const init: ServerInit = async () => {
  if (!building) await startRuntime();
};

export const handle: Handle = async ({ event, resolve }) => {
  const { db, requester, config, clock, signInThrottle } = getRuntime();
  if (isCrossSite(event.request, event.url, config.adminOrigin)) {
    return new Response('跨站请求已拒绝（Cross-site request refused）', {
      status: 403,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
    });
  }
  const ctx = await createContext({
    db,
    sessionToken: event.cookies.get(SESSION_COOKIE) ?? null,
    demoMode: config.demoMode,
    publisher: requester,
    now: clock.now,
    cookie: sessionCookie(event.cookies, config.secureCookies),
    clientAddress: event.getClientAddress(),
    userAgent: event.request.headers.get('user-agent'),
    signInThrottle,
    sessionPolicy: config.sessionPolicy,
  });
  event.locals.context = ctx;
  event.locals.user = ctx.user;
  event.locals.api = createCaller(ctx);
  const response = await resolve(event);
  response.headers.set('x-frame-options', 'DENY');
  response.headers.set('referrer-policy', 'same-origin');
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()');
  response.headers.set('cross-origin-opener-policy', 'same-origin');
  return response;
};
