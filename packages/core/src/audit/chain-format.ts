// What an audit entry's hash covers, and the name of the database function that computes it (chain.ts).
// No Node modules: the code that appends entries runs wherever the domain does.
import type { AuditEntryTable } from './table.ts';

/** What an entry's hash covers: everything it says (not its id, which only orders it, nor the hash itself). */
export type ChainedFields = Omit<AuditEntryTable, 'id' | 'hash'>;

export function entryContent(e: ChainedFields): string {
  return JSON.stringify([e.at, e.actor_id, e.actor_name, e.action, e.entity_type, e.entity_id, e.before_json, e.after_json, e.reason]);
}

/** The SQL function the database computes the chain with, in the statement that inserts (no gap between reading the last hash and writing). */
export const CHAIN_FUNCTION = 'epi_audit_chain';
