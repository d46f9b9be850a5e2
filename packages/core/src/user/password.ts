import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { InputError } from '../shared/errors.ts';

// argon2id with the OWASP-recommended minimum parameters (19 MiB, 2 passes, 1 lane).
const ARGON2ID = 2 as Algorithm;
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Throws on `field` unless `password` is the account's current one (asked again before a sensitive change). */
export async function assertCurrentPassword(passwordHash: string, password: string, field = 'currentPassword'): Promise<void> {
  if (!(await verifyPassword(passwordHash, password))) throw new InputError(field, '当前密码不正确');
}

// Verified against when the username is unknown, so both failures take the same time.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not-a-real-password');
  return dummyHash;
}
