// Shared by the router tests: a real database, real users and sessions, a fake publisher.
import {
  createUser,
  ensureReferenceData,
  migrateToLatest,
  openDatabase,
  signIn,
  totpCodeAt,
  SYSTEM_ACTOR,
  type Db,
  type Role,
  type User,
} from '@epi/core/server';
import type { CreateZoneInput, ZoneOperationInput, ZoneView } from '@epi/core';
import { TRPCError } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { test } from 'vitest';
import { createContext, type ReleaseRequester, type SessionCookie } from './context.ts';
import { appRouter, createCaller } from './root.ts';

export type Caller = ReturnType<typeof createCaller>;

/** The test admin's authenticator key (hex). */
export const ADMIN_TOTP_KEY = '3132333435363738393031323334353637383930';

export const PASSWORDS: Record<Role, string> = {
  admin: 'kettle-lantern-0105',
  press_officer: 'press-password-0115',
  reviewer: 'meadow-copper-0116',
};

const DISPLAY_NAMES: Record<Role, string> = { admin: '管控管理员', press_officer: '新闻发布员', reviewer: '审核员' };

/** Records every release request instead of building anything. */
export class FakePublisher implements ReleaseRequester {
  readonly reasons: string[] = [];
  scheduleChanges = 0;
  request(reason: string): void {
    this.reasons.push(reason);
  }
  scheduleChanged(): void {
    this.scheduleChanges += 1;
  }
}

/** Records what the HTTP adapter would have put into or taken out of the cookie. */
export class FakeCookie implements SessionCookie {
  readonly sets: Array<{ token: string; expiresAt: string }> = [];
  clears = 0;
  set(token: string, expiresAt: string): void {
    this.sets.push({ token, expiresAt });
  }
  clear(): void {
    this.clears += 1;
  }
}

/** The JSON body of a failed call over HTTP, as the admin console receives it. */
export interface ErrorBody {
  error: {
    message: string;
    data: {
      code: string;
      httpStatus: number;
      path: string;
      fieldErrors: Record<string, string[]>;
      reconciliation: Array<{ field: string; kind: string; message: string; expected?: number; actual?: number }> | null;
      stack?: string;
    };
  };
}

export interface TestApi {
  db: Db;
  publisher: FakePublisher;
  /** The clock every context reads. Sessions last 12 hours from sign-in on this clock. */
  clock: { now: Date };
  /** The user of a role, created (and signed in) on first use. */
  user(role: Role): Promise<User>;
  /** A server-side caller signed in with the role, or anonymous for null. */
  as(role: Role | null, options?: { cookie?: SessionCookie; demoMode?: boolean; siteBuild?: boolean }): Promise<Caller>;
  /** A caller carrying an arbitrary session token. */
  withToken(token: string | null, options?: { cookie?: SessionCookie; demoMode?: boolean; siteBuild?: boolean }): Promise<Caller>;
  /** A mutation sent through the fetch adapter, to see the error shape the HTTP client gets. */
  postOverHttp(role: Role | null, path: string, input: unknown): Promise<{ status: number; body: ErrorBody }>;
}

/** When the tests' clock starts unless they say otherwise: the evening of the 11th press conference. */
const TEST_NOW = '2021-01-15T19:00:00+08:00';

export async function testApi(options: { now?: string } = {}): Promise<TestApi> {
  const db = openDatabase(':memory:');
  await migrateToLatest(db);
  await ensureReferenceData(db);
  const publisher = new FakePublisher();
  const clock = { now: new Date(options.now ?? TEST_NOW) };
  const users = new Map<Role, { user: User; token: string }>();

  async function signedIn(role: Role) {
    let entry = users.get(role);
    if (!entry) {
      const ctx = { db, actor: SYSTEM_ACTOR, now: clock.now };
      const user = await createUser(ctx, {
        username: role.replace('_', '-'),
        displayName: DISPLAY_NAMES[role],
        role,
        password: PASSWORDS[role],
      });
      // Outside demo mode an admin signs in with a second factor, as the console requires.
      let code: string | undefined;
      if (role === 'admin') {
        await db
          .updateTable('app_user')
          .set({ totp_key: ADMIN_TOTP_KEY, totp_enabled_at: clock.now.toISOString() })
          .where('id', '=', user.id)
          .execute();
        code = totpCodeAt(ADMIN_TOTP_KEY, clock.now);
      }
      const { token } = await signIn(db, { username: user.username, password: PASSWORDS[role], code }, clock.now, { demoMode: false });
      entry = { user, token };
      users.set(role, entry);
    }
    return entry;
  }

  const context = (token: string | null, opts: { cookie?: SessionCookie; demoMode?: boolean; siteBuild?: boolean } = {}) =>
    createContext({
      db,
      sessionToken: token,
      now: () => clock.now,
      demoMode: opts.demoMode ?? false,
      publisher,
      cookie: opts.cookie ?? null,
      siteBuild: opts.siteBuild ?? false,
    });

  const withToken: TestApi['withToken'] = async (token, opts) => createCaller(await context(token, opts));

  return {
    db,
    publisher,
    clock,
    user: async (role) => (await signedIn(role)).user,
    withToken,
    as: async (role, opts) => withToken(role ? (await signedIn(role)).token : null, opts),
    async postOverHttp(role, path, input) {
      const token = role ? (await signedIn(role)).token : null;
      const res = await fetchRequestHandler({
        endpoint: '/api/trpc',
        req: new Request(`http://localhost/api/trpc/${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input),
        }),
        router: appRouter,
        createContext: () => context(token),
      });
      return { status: res.status, body: (await res.json()) as ErrorBody };
    },
  };
}

/**
 * `it` with the router tests' world as fixtures, each made when a test names it: `api`, on a fresh
 * database with its clock at `now` (a describe block sets another with `it.override('now', …)`),
 * and a caller signed in as each role, `admin`, `press` and `reviewer`, or as nobody, `anonymous`.
 */
export const routerTest = test
  .extend('now', TEST_NOW as string)
  .extend('api', async ({ now, onTestFinished }) => {
    const api = await testApi({ now });
    onTestFinished(() => api.db.destroy());
    return api;
  })
  .extend('admin', ({ api }) => api.as('admin'))
  .extend('press', ({ api }) => api.as('press_officer'))
  .extend('reviewer', ({ api }) => api.as('reviewer'))
  .extend('anonymous', ({ api }) => api.as(null));

/** The tRPC error code a call fails with, or 'OK' when it succeeds. */
export async function outcomeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
}

/** The TRPCError a call fails with; fails the test when the call succeeds. */
export async function errorOf(call: Promise<unknown>): Promise<TRPCError> {
  try {
    await call;
  } catch (e) {
    if (e instanceof TRPCError) return e;
    throw e;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/**
 * A change of zones as the console makes it: submitted by an administrator, approved by a reviewer.
 * Returns the zones it changed, as they are now.
 */
export async function changeZones(admin: Caller, reviewer: Caller, operations: ZoneOperationInput[], reason?: string): Promise<ZoneView[]> {
  const change = await admin.zone.submitChange({ operations, reason });
  const approved = await reviewer.zone.approveChange({ id: change.id, expectedVersion: change.version });
  return Promise.all(approved.zoneIds.map((id) => admin.zone.byId({ id })));
}

/** A new designation, submitted and approved: the zone as it is now. */
export async function createZone(admin: Caller, reviewer: Caller, input: CreateZoneInput, reason?: string): Promise<ZoneView> {
  const [zone] = await changeZones(admin, reviewer, [{ op: 'create', input }], reason);
  return zone!;
}
