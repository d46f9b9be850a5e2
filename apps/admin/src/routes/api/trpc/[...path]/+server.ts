import { appRouter, createContext } from '@epi/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { RequestHandler } from './$types';
import { getRuntime } from '#lib/server/runtime.ts';
import { SESSION_COOKIE, sessionCookie } from '#lib/server/session.ts';

const handler: RequestHandler = async (event) => {
  const { request, cookies, url } = event;
  // Mutations only as JSON from this origin: a cross-site form cannot send application/json.
  if (request.method === 'POST') {
    const origin = request.headers.get('origin');
    const type = request.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json') || (origin && new URL(origin).host !== url.host)) {
      return new Response('Forbidden', { status: 403 });
    }
  }
  const { db, requester, config, clock } = getRuntime();
  return fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    createContext: () =>
      createContext({
        db,
        sessionToken: cookies.get(SESSION_COOKIE) ?? null,
        demoMode: config.demoMode,
        publisher: requester,
        now: clock.now,
        cookie: sessionCookie(cookies, config.secureCookies),
      }),
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[epi] tRPC ${path}:`, error.cause ?? error);
    },
  });
};

export const GET = handler;
export const POST = handler;
