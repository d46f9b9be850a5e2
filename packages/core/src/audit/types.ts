// What the audit log holds; browser-safe (the console lists entries).

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string;
  before: unknown;
  after: unknown;
  reason: string | null;
  /** When before, after and reason were deleted by a takedown (the entry stays, with who, what and when). */
  redactedAt: string | null;
}
