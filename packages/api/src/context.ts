import { DEFAULT_SESSION_POLICY, mustEnrollTotp, userForSession, type Db, type SessionPolicy, type User } from '@epi/core/server';

/** Whatever can be asked for a new release of the public site. */
export interface ReleaseRequester {
  request(reason: string): void;
  /** A publication was scheduled, moved or cancelled: plan the rebuild for its time again. */
  scheduleChanged?(): void;
}

/** How a procedure sets or clears the session cookie; provided by the HTTP adapter. */
export interface SessionCookie {
  set(token: string, expiresAt: string): void;
  clear(): void;
}

import type { SignInThrottle } from './sign-in-throttle.ts';

export interface Context {
  db: Db;
  user: User | null;
  sessionToken: string | null;
  now: () => Date;
  demoMode: boolean;
  publisher: ReleaseRequester | null;
  cookie: SessionCookie | null;
  /** The static site's own build, reading through a server-side caller; never an HTTP request. */
  siteBuild: boolean;
  /** Where the request came from (the console's HTTP server), for sign-in throttling and the audit log. */
  clientAddress: string | null;
  /** What the browser says it is, kept with a new session for its owner to recognise it. */
  userAgent: string | null;
  /** Slows and stops password guessing; null where nobody signs in (the site build). */
  signInThrottle: SignInThrottle | null;
  /** How long a session lasts, idle and at most. */
  sessionPolicy: SessionPolicy;
  /** An admin outside demo mode without two-step sign-in: only their own account is open to them. */
  mustEnrollTotp: boolean;
}

export interface CreateContextOptions {
  db: Db;
  sessionToken?: string | null;
  now?: () => Date;
  demoMode?: boolean;
  publisher?: ReleaseRequester | null;
  cookie?: SessionCookie | null;
  siteBuild?: boolean;
  clientAddress?: string | null;
  userAgent?: string | null;
  signInThrottle?: SignInThrottle | null;
  sessionPolicy?: SessionPolicy;
}

/** Resolves the signed-in user from the session token; used by the HTTP handler, the site build and tests alike. */
export async function createContext(opts: CreateContextOptions): Promise<Context> {
  const now = opts.now ?? (() => new Date());
  const demoMode = opts.demoMode ?? false;
  const token = opts.sessionToken ?? null;
  const sessionPolicy = opts.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  const user = token ? await userForSession(opts.db, token, now(), { demoMode, policy: sessionPolicy }) : null;
  return {
    db: opts.db,
    user,
    sessionToken: token,
    now,
    demoMode,
    publisher: opts.publisher ?? null,
    cookie: opts.cookie ?? null,
    siteBuild: opts.siteBuild ?? false,
    clientAddress: opts.clientAddress ?? null,
    userAgent: opts.userAgent ?? null,
    signInThrottle: opts.signInThrottle ?? null,
    sessionPolicy,
    mustEnrollTotp: user ? mustEnrollTotp(user, demoMode) : false,
  };
}
