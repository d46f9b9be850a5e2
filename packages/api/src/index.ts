export { appRouter, createCaller, type AppRouter } from './root.ts';
export { createContext, type Context, type CreateContextOptions, type ReleaseRequester, type SessionCookie } from './context.ts';
export { fieldErrorsOf } from './trpc.ts';
