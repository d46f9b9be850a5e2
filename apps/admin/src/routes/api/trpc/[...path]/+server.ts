import { appRouter } from '@epi/api';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { cacheableRead } from '#lib/server/http-cache.ts';
import type { RequestHandler } from './$types';

const handler: RequestHandler = async (event) => {
  const { request, url, locals, params } = event;
  // One sign-in per request: a batch of them would try many passwords in one go.
  const procedures = (params.path ?? '').split(',');
  if (procedures.length > 1 && procedures.includes('auth.signIn')) {
    return new Response('登录请求不能合并发送（Sign-in cannot be batched）', { status: 400 });
  }
  // Mutations only as JSON from this origin: a cross-site form cannot send application/json.
  if (request.method === 'POST') {
    const origin = request.headers.get('origin');
    const type = request.headers.get('content-type') ?? '';
    if (!type.startsWith('application/json') || (origin && new URL(origin).host !== url.host)) {
      return new Response('Forbidden', { status: 403 });
    }
  }
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req: request,
    router: appRouter,
    // The server hook already built this request's context (session, clock, publisher).
    createContext: () => locals.context,
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') console.error(`[epi] tRPC ${path}:`, error.cause ?? error);
    },
  });
  // Reads: an ETag from the content, compressed as the reader accepts.
  return cacheableRead(request, response, !!locals.context.user);
};

export const GET = handler;
export const POST = handler;
