// Guessing passwords is slowed and then stopped, per account and per address (rate-limiter-flexible).
// An account's first failures cost nothing; from the fifth in a row each one makes it wait longer
// before the next try (1 s, 2 s, 4 s … 60 s); at the tenth within an hour it is locked for 15 minutes.
// An address that fails 100 times in an hour, on any accounts, is refused for an hour. A success
// clears the account's count. Refused tries are answered without checking the password, and the
// audit log gets the first refusal of each address in 10 minutes, not each one: a flood of refused
// tries cannot fill the disk through the log (every checked failure is still logged).
// The counts are kept in the database (the console's SQLite file), so a restart does not clear them;
// without a database (tests of the rules) they are kept in memory.
import type { sqliteClientOf } from '@epi/core/server';
import {
  RateLimiterMemory,
  RateLimiterSQLite,
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  type RateLimiterRes,
} from 'rate-limiter-flexible';

export interface SignInLimits {
  /** Failures in a row an account may have before each one makes it wait. */
  freeFailures: number;
  /** Failures within `accountWindowS` that lock the account for `accountLockS`. */
  accountFailures: number;
  accountWindowS: number;
  accountLockS: number;
  /** The longest wait between two tries before the lock. */
  maxDelayS: number;
  /** Failures from one address within `addressWindowS` that refuse it for `addressLockS`. */
  addressFailures: number;
  addressWindowS: number;
  addressLockS: number;
  /** After a refusal is logged, further refusals of the same address (or account) go unlogged this long. */
  refusalLogS: number;
}

export const SIGN_IN_LIMITS: SignInLimits = {
  freeFailures: 4,
  accountFailures: 10,
  accountWindowS: 3600,
  accountLockS: 900,
  maxDelayS: 60,
  addressFailures: 100,
  addressWindowS: 3600,
  addressLockS: 3600,
  refusalLogS: 600,
};

export interface SignInThrottle {
  /** How long this account and address must wait before a try is checked (0: now), in ms. */
  wait(username: string, address: string | null): Promise<number>;
  failed(username: string, address: string | null): Promise<void>;
  succeeded(username: string): Promise<void>;
  /** Whether a refusal is to go in the audit log: the first of its address (without one, its account) in `refusalLogS`. */
  logRefusal(username: string, address: string | null): Promise<boolean>;
}

const accountKey = (username: string) => username.trim().toLowerCase();

export function signInThrottle(
  limits: SignInLimits = SIGN_IN_LIMITS,
  store?: { sqlite: ReturnType<typeof sqliteClientOf> },
): SignInThrottle {
  // The table is made by the database's migrations (0018-accounts).
  const limiter = (options: IRateLimiterOptions): RateLimiterAbstract =>
    store
      ? new RateLimiterSQLite({
          ...options,
          storeClient: store.sqlite,
          storeType: 'better-sqlite3',
          tableName: 'sign_in_limit',
          tableCreated: true,
          // Expired counts are deleted every 5 minutes (a timer that never keeps the process alive).
          clearExpiredByTimeout: true,
        })
      : new RateLimiterMemory(options);
  const accounts = limiter({
    keyPrefix: 'account',
    points: limits.accountFailures,
    duration: limits.accountWindowS,
    blockDuration: limits.accountLockS,
  });
  // The growing wait: a block of its own, set after each failure beyond the free ones.
  const delays = limiter({ keyPrefix: 'delay', points: 1, duration: limits.maxDelayS });
  const addresses = limiter({
    keyPrefix: 'address',
    points: limits.addressFailures,
    duration: limits.addressWindowS,
    blockDuration: limits.addressLockS,
  });
  const refusalsLogged = limiter({ keyPrefix: 'refusal-logged', points: 1, duration: limits.refusalLogS });
  const blockedFor = (res: RateLimiterRes | null, points: number) => (res && res.consumedPoints > points ? res.msBeforeNext : 0);
  return {
    async wait(username, address) {
      const key = accountKey(username);
      const [account, delay, from] = await Promise.all([
        accounts.get(key),
        delays.get(key),
        address ? addresses.get(address) : Promise.resolve(null),
      ]);
      return Math.max(blockedFor(account, limits.accountFailures), blockedFor(delay, 1), blockedFor(from, limits.addressFailures));
    },
    async failed(username, address) {
      const key = accountKey(username);
      const count = await accounts.penalty(key, 1);
      if (address) await addresses.penalty(address, 1);
      const beyond = count.consumedPoints - limits.freeFailures;
      if (count.consumedPoints >= limits.accountFailures) await accounts.block(key, limits.accountLockS);
      else if (beyond > 0) await delays.block(key, Math.min(limits.maxDelayS, 2 ** (beyond - 1)));
      if (address) {
        const from = await addresses.get(address);
        if (from && from.consumedPoints >= limits.addressFailures) await addresses.block(address, limits.addressLockS);
      }
    },
    async succeeded(username) {
      const key = accountKey(username);
      await Promise.all([accounts.delete(key), delays.delete(key)]);
    },
    async logRefusal(username, address) {
      try {
        await refusalsLogged.consume(address ? `address:${address}` : `account:${accountKey(username)}`);
        return true;
      } catch (error) {
        // rate-limiter-flexible rejects with its result when the point is used; anything else is a real error.
        if (error instanceof Error) throw error;
        return false;
      }
    },
  };
}

/** "15 分钟" / "8 秒": how long to wait, rounded up, for the message. */
export function waitText(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s >= 60 ? `${Math.ceil(s / 60)} 分钟` : `${s} 秒`;
}
