export { appRouter, createCaller, type AppRouter } from './root.ts';
export { createContext, type Context, type CreateContextOptions, type ReleaseRequester, type SessionCookie } from './context.ts';
export { fieldErrorsOf } from './trpc.ts';
export { signInThrottle, SIGN_IN_LIMITS, type SignInLimits, type SignInThrottle } from './sign-in-throttle.ts';
