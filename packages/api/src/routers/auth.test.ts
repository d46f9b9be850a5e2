import { createUser, listAudit, sqliteClientOf, SYSTEM_ACTOR } from '@epi/core/server';
import { describe, expect } from 'vitest';
import { createContext } from '../context.ts';
import { createCaller } from '../root.ts';
import { signInThrottle, SIGN_IN_LIMITS, type SignInLimits } from '../sign-in-throttle.ts';
import { errorOf, FakeCookie, outcomeOf, PASSWORDS, routerTest as it, type TestApi } from '../test-support.ts';

describe('auth router', () => {
  it('signs in with the right password; the token goes only to the cookie', async ({ api }) => {
    const press = await api.user('press_officer');
    const cookie = new FakeCookie();
    const result = await (await api.as(null, { cookie })).auth.signIn({ username: press.username, password: PASSWORDS.press_officer });

    expect(result).not.toHaveProperty('token');
    expect(JSON.stringify(result)).not.toContain(cookie.sets[0]?.token ?? '(no cookie was set)');
    expect(result.user).toEqual(press);
    expect(cookie.sets).toHaveLength(1);
    expect(cookie.sets[0]!.expiresAt).toBe(result.expiresAt);
    expect(result.expiresAt).toBe(new Date(api.clock.now.getTime() + 12 * 60 * 60 * 1000).toISOString());

    const me = await (await api.withToken(cookie.sets[0]!.token)).auth.me();
    expect(me).toEqual(press);
    const [entry] = await listAudit(api.db, { entityType: 'user', entityId: press.id });
    expect(entry).toMatchObject({ action: 'user.sign_in', actorId: press.id });
  });

  it('refuses a wrong password and an unknown user with the same error, and sets no cookie', async ({ api }) => {
    const press = await api.user('press_officer');
    const cookie = new FakeCookie();
    const anonymous = await api.as(null, { cookie });
    const wrong = await errorOf(anonymous.auth.signIn({ username: press.username, password: 'not-the-password' }));
    const unknown = await errorOf(anonymous.auth.signIn({ username: 'nobody', password: PASSWORDS.press_officer }));
    expect(wrong.code).toBe('UNAUTHORIZED');
    expect(unknown.code).toBe('UNAUTHORIZED');
    expect(unknown.message).toBe(wrong.message);
    expect(wrong.message).not.toContain(press.username);
    expect(cookie.sets).toEqual([]);
  });

  it('refuses demo accounts unless the system runs in demo mode', async ({ api }) => {
    const demo = await createUser(
      { db: api.db, actor: SYSTEM_ACTOR, now: api.clock.now },
      { username: 'demo-admin', displayName: '演示管理员', role: 'admin', password: 'demo-admin-2021' },
      { demo: true },
    );
    const credentials = { username: 'demo-admin', password: 'demo-admin-2021' };

    const refused = await errorOf((await api.as(null)).auth.signIn(credentials));
    expect(refused.code).toBe('UNAUTHORIZED');
    expect(refused.message).toBe('用户名或密码不正确');

    const cookie = new FakeCookie();
    const signedIn = await (await api.as(null, { cookie, demoMode: true })).auth.signIn(credentials);
    expect(signedIn.user).toMatchObject({ id: demo.id, isDemo: true });
    const token = cookie.sets[0]!.token;
    expect(await (await api.withToken(token, { demoMode: true })).auth.me()).toMatchObject({ id: demo.id });
    // The same session is worthless once demo mode is switched off.
    expect(await (await api.withToken(token, { demoMode: false })).auth.me()).toBeNull();
  });

  it('tells an anonymous caller that nobody is signed in', async ({ api }) => {
    expect(await (await api.as(null)).auth.me()).toBeNull();
    expect(await (await api.withToken('made-up-token')).auth.me()).toBeNull();
  });

  it('signs out: the cookie is cleared and the session no longer works', async ({ api }) => {
    const press = await api.user('press_officer');
    const cookie = new FakeCookie();
    await (await api.as(null, { cookie })).auth.signIn({ username: press.username, password: PASSWORDS.press_officer });
    const token = cookie.sets[0]!.token;
    const caller = await api.withToken(token, { cookie });
    expect(await caller.auth.me()).toEqual(press);

    expect(await caller.auth.signOut()).toEqual({ ok: true });
    expect(cookie.clears).toBe(1);

    const after = await api.withToken(token);
    expect(await after.auth.me()).toBeNull();
    expect(await outcomeOf(after.audit.list())).toBe('UNAUTHORIZED');
    // Signing out one session leaves the user's other sessions alone.
    expect(await outcomeOf((await api.as('press_officer')).report.all())).toBe('OK');
  });

  it('clears the cookie of an expired session on sign-out', async ({ api }) => {
    const cookie = new FakeCookie();
    const caller = await api.withToken('expired-or-unknown-token', { cookie });
    expect(await caller.auth.me()).toBeNull();
    expect(await caller.auth.signOut()).toEqual({ ok: true });
    expect(cookie.clears).toBe(1);
  });

  it('ends a session after 12 hours', async ({ api }) => {
    const reviewer = await api.as('reviewer');
    expect(await reviewer.auth.me()).toMatchObject({ role: 'reviewer' });
    api.clock.now = new Date(api.clock.now.getTime() + 12 * 60 * 60 * 1000);
    expect(await (await api.as('reviewer')).auth.me()).toBeNull();
  });

  describe('against guessing', () => {
    /** A caller from one address, through one throttle, as the console's HTTP server makes them. */
    const from = (api: TestApi, throttle: ReturnType<typeof signInThrottle>, address: string) => async () =>
      createCaller(await createContext({ db: api.db, now: () => api.clock.now, clientAddress: address, signInThrottle: throttle }));

    it('checks only the first few of 1,000 rapid guesses; the rest, and then the right password, are refused and logged', async ({
      api,
    }) => {
      const press = await api.user('press_officer');
      const caller = await from(api, signInThrottle(), '203.0.113.7')();
      const codes = new Map<string, number>();
      for (let i = 0; i < 1000; i += 1) {
        const error = await errorOf(caller.auth.signIn({ username: press.username, password: `guess-${i}-0000` }));
        codes.set(error.code, (codes.get(error.code) ?? 0) + 1);
      }
      // The free failures and the one that starts the wait are checked; every later guess is refused unchecked.
      expect(Object.fromEntries(codes)).toEqual({
        UNAUTHORIZED: SIGN_IN_LIMITS.freeFailures + 1,
        TOO_MANY_REQUESTS: 1000 - SIGN_IN_LIMITS.freeFailures - 1,
      });
      const right = await errorOf(caller.auth.signIn({ username: press.username, password: PASSWORDS.press_officer }));
      expect(right.code).toBe('TOO_MANY_REQUESTS');
      expect(right.message).toMatch(/^登录尝试过多，请 \d+ 秒后再试$/);
      const logged = await api.db
        .selectFrom('audit_entry')
        .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
        .where('entity_id', '=', press.username)
        .groupBy('action')
        .orderBy('action')
        .execute();
      expect(logged).toEqual([
        { action: 'user.sign_in_failed', n: SIGN_IN_LIMITS.freeFailures + 1 },
        // 995 refusals, one entry: the rest from the address in the next 10 minutes go unrecorded.
        { action: 'user.sign_in_refused', n: 1 },
      ]);
      const [latest] = await listAudit(api.db, { entityType: 'user', entityId: press.username });
      expect(latest!.reason).toBe('尝试过多，已暂时拒绝；地址 203.0.113.7（此后 10 分钟内该地址被拒绝的尝试不再逐条记录）');
    });

    it('records the first refusal of an address in each window, and the next one after it', async ({ api }) => {
      const press = await api.user('press_officer');
      const throttle = signInThrottle({ ...SIGN_IN_LIMITS, freeFailures: 0, accountFailures: 1, accountLockS: 60, refusalLogS: 0.05 });
      const caller = await from(api, throttle, '203.0.113.9')();
      const tries = async (n: number) => {
        const codes = [];
        for (let i = 0; i < n; i += 1)
          codes.push((await errorOf(caller.auth.signIn({ username: press.username, password: 'guess-0000-x' }))).code);
        return codes;
      };
      expect(await tries(4)).toEqual(['UNAUTHORIZED', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
      const refusals = async () =>
        (await listAudit(api.db, { entityType: 'user', entityId: press.username, actions: ['user.sign_in_refused'] })).length;
      expect(await refusals()).toBe(1);
      await new Promise((r) => setTimeout(r, 80));
      expect(await tries(3)).toEqual(['TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS', 'TOO_MANY_REQUESTS']);
      expect(await refusals()).toBe(2);
    });

    it('waits longer after each failure, locks the account at the limit, lets a success clear the count, and refuses a guessing address', async ({
      api,
    }) => {
      const press = await api.user('press_officer');
      const reviewer = await api.user('reviewer');
      // The same rules, on a short clock.
      const limits: SignInLimits = {
        ...SIGN_IN_LIMITS,
        freeFailures: 1,
        accountFailures: 4,
        accountLockS: 60,
        maxDelayS: 0.05,
        addressFailures: 7,
      };
      const throttle = signInThrottle(limits);
      const one = await from(api, throttle, '198.51.100.1')();
      const guess = (caller: typeof one, username: string, password = 'wrong-password-1') =>
        errorOf(caller.auth.signIn({ username, password })).then((e) => e.code);
      const pause = () => new Promise((r) => setTimeout(r, 60));

      // A success clears the count: two failures, then the right password, then two failures again without a lock.
      expect(await guess(one, reviewer.username)).toBe('UNAUTHORIZED');
      await pause();
      expect(await guess(one, reviewer.username)).toBe('UNAUTHORIZED');
      await pause();
      await one.auth.signIn({ username: reviewer.username, password: PASSWORDS.reviewer });
      expect(await guess(one, reviewer.username)).toBe('UNAUTHORIZED');

      // Four failures, waiting out each pause: the account is locked, the right password too, from any address.
      for (let i = 0; i < 4; i += 1) {
        expect(await guess(one, press.username)).toBe('UNAUTHORIZED');
        await pause();
      }
      expect(await guess(one, press.username, PASSWORDS.press_officer)).toBe('TOO_MANY_REQUESTS');
      const other = await from(api, throttle, '198.51.100.2')();
      const locked = await errorOf(other.auth.signIn({ username: press.username, password: PASSWORDS.press_officer }));
      expect(locked.message).toBe('登录尝试过多，请 1 分钟后再试');

      // The address has failed 7 times: it is refused for every account; the other address is not.
      expect(await guess(one, 'admin', PASSWORDS.admin)).toBe('TOO_MANY_REQUESTS');
      await other.auth.signIn({ username: reviewer.username, password: PASSWORDS.reviewer });
    });

    it('keeps its counts in the database: a console restarted mid-attack does not give the guesser a fresh start', async ({ api }) => {
      const press = await api.user('press_officer');
      const store = { sqlite: sqliteClientOf(api.db) };
      const limits: SignInLimits = { ...SIGN_IN_LIMITS, freeFailures: 2, accountFailures: 3, maxDelayS: 0.01 };
      const before = await from(api, signInThrottle(limits, store), '192.0.2.1')();
      for (let i = 0; i < 3; i += 1) {
        expect((await errorOf(before.auth.signIn({ username: press.username, password: `guess-${i}-0000` }))).code).toBe('UNAUTHORIZED');
        await new Promise((r) => setTimeout(r, 20));
      }
      // A new throttle on the same database, as after a restart: the account is still locked.
      const after = await from(api, signInThrottle(limits, store), '192.0.2.1')();
      const locked = await errorOf(after.auth.signIn({ username: press.username, password: PASSWORDS.press_officer }));
      expect(locked.code).toBe('TOO_MANY_REQUESTS');
      const rows = await api.db.selectFrom('sign_in_limit').select('key').execute();
      expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining([`account:${press.username}`, 'address:192.0.2.1']));
      // The memory store, by contrast, forgets.
      const fresh = await from(api, signInThrottle(limits), '192.0.2.1')();
      await fresh.auth.signIn({ username: press.username, password: PASSWORDS.press_officer });
    });

    it('records sign-outs', async ({ api }) => {
      const press = await api.user('press_officer');
      const cookie = new FakeCookie();
      await (await api.as(null, { cookie })).auth.signIn({ username: press.username, password: PASSWORDS.press_officer });
      await (await api.withToken(cookie.sets[0]!.token)).auth.signOut();
      const [entry] = await listAudit(api.db, { entityType: 'user', entityId: press.id });
      expect(entry).toMatchObject({ action: 'user.sign_out', actorId: press.id });
    });
  });
});
