// The audit log's hash chain: each entry carries the SHA-256 of the entry before it and of its own
// content, so an entry edited, removed or slipped in breaks every hash after it. The chain alone
// can be recomputed by whoever can write the database; what they cannot forge is a head signed
// with a key kept outside it (seal.ts), written with every release.
import { createHash } from 'node:crypto';
import { entryContent, entryPayload, type ChainedFields } from './chain-format.ts';

export { CHAIN_FUNCTION, entryContent, entryPayload, type ChainedFields } from './chain-format.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

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
  /** Set when the hash holds but the entry's text does not stand behind it (edited under its digest). */
  problem?: string;
}

/**
 * Why an entry's own words do not stand behind its hash, or null: a format 2 entry's text must give
 * its digest unless a takedown deleted it all; a format 1 entry's text cannot be deleted.
 */
function payloadProblem(e: ChainedFields & { redacted_at: string | null }): string | null {
  const deleted = e.before_json === null && e.after_json === null && e.reason === null;
  if (e.redacted_at !== null) return e.format === 2 && deleted ? null : 'redacted entry still has text, or is of format 1';
  if (e.format !== 2) return e.format === 1 ? null : `unknown format ${e.format}`;
  return sha256(entryPayload(e)) === e.content_digest ? null : 'text does not match its digest';
}

/** Walks entries in id order and returns the first break, or null; with the head (last id and hash) reached. */
export function verifyChain(entries: Iterable<ChainedFields & { id: number; hash: string | null; redacted_at: string | null }>): {
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
    const problem = payloadProblem(e);
    if (problem) return { broken: { id: e.id, expected, found: e.hash, problem }, count, last };
    previous = expected;
    count += 1;
    last = { id: e.id, hash: expected };
  }
  return { broken: null, count, last };
}
