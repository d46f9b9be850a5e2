// What an audit entry's hash covers, and the name of the database function that computes it (chain.ts).
// No Node modules: the code that appends entries runs wherever the domain does.
import type { AuditEntryTable } from './table.ts';

/** What an entry's hash covers (not its id, which only orders it, nor the hash itself, nor when its text was deleted). */
export type ChainedFields = Omit<AuditEntryTable, 'id' | 'hash' | 'format' | 'redacted_at'> & { format: number };

/** The entry's own words: before, after and reason. Format 2 hashes their digest, so they can be deleted. */
export function entryPayload(e: Pick<ChainedFields, 'before_json' | 'after_json' | 'reason'>): string {
  return JSON.stringify([e.before_json, e.after_json, e.reason]);
}

/**
 * Format 1 (entries written before 0024): the text itself. Format 2: the payload's SHA-256
 * (`content_digest`) in its place, so a takedown can delete the text and the entry stays in the chain.
 */
export function entryContent(e: ChainedFields): string {
  if (e.format === 2) return JSON.stringify([2, e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.content_digest]);
  return JSON.stringify([e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason]);
}

/** SHA-256 (hex) of a payload, with the platform's Web Crypto (Node and browsers alike). */
export async function payloadDigest(payload: string): Promise<string> {
  const bytes = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(payload)));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The SQL function the database computes the chain with, in the statement that inserts (no gap between reading the last hash and writing). */
export const CHAIN_FUNCTION = 'epi_audit_chain';
