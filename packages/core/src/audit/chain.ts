// The audit log's hash chain: each entry carries the SHA-256 of the entry before it and of its own
// content, so an entry edited, removed or slipped in breaks every hash after it. The chain alone
// can be recomputed by whoever can write the database; what they cannot forge is a head signed
// with a key kept outside it (seal.ts), written with every release.
import { createHash } from 'node:crypto';
import { entryContent, type ChainedFields } from './chain-format.ts';

export { CHAIN_FUNCTION, entryContent, type ChainedFields } from './chain-format.ts';

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);

/** hash(n) = SHA-256("epi-audit-v1", hash(n−1), content(n)). */
export function chainHash(previous: string | null, content: string): string {
  return createHash('sha256')
    .update('epi-audit-v1\n')
    .update(previous ?? GENESIS)
    .update('\n')
    .update(content)
    .digest('hex');
}

/** A break in the chain: the first entry whose hash is not what its content and its predecessor give. */
export interface ChainBreak {
  id: number;
  expected: string;
  found: string | null;
}

/** Walks entries in id order and returns the first break, or null; with the head (last id and hash) reached. */
export function verifyChain(entries: Iterable<ChainedFields & { id: number; hash: string | null }>): {
  broken: ChainBreak | null;
  count: number;
  last: { id: number; hash: string } | null;
} {
  let previous: string | null = null;
  let count = 0;
  let last: { id: number; hash: string } | null = null;
  for (const e of entries) {
    const expected = chainHash(previous, entryContent(e));
    if (e.hash !== expected) return { broken: { id: e.id, expected, found: e.hash }, count, last };
    previous = expected;
    count += 1;
    last = { id: e.id, hash: expected };
  }
  return { broken: null, count, last };
}
