// Kinds published directly by a press officer, without review: isolation facilities and press
// conferences describe sites and events, not figures of the epidemic. One is published at once;
// an edit is made at the version the editor saw, with a reason, and kept with what it changed for
// the public page. Each step writes its audit entry in the same transaction.
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import { recordStepAudit } from '../audit/audit.ts';
import type { Executor, Tx } from '../db/database.ts';
import { assertVersion } from '../review/review.ts';
import type { Actor, WriteContext } from './actor.ts';
import { ConflictError, InputError } from './errors.ts';
import { newId } from './ids.ts';
import { inTransaction } from './tx.ts';

/** What an edit names besides the new content: the item, the version the editor saw, and why. */
interface Edit {
  id: string;
  expectedVersion: number;
  reason: string;
}

/** Where a kind keeps its edits: the table, and its columns naming the item, the time, the editor and what changed. */
export interface EditLog {
  table: 'isolation_facility_change' | 'press_conference_update';
  item: string;
  at: string;
  by: string;
  changes: string;
}

/** One edit after publication, as the public page states it. */
export interface PublishedEdit<Change> {
  /** The item's version this edit produced. */
  version: number;
  at: string;
  reason: string;
  fields: Change[];
}

/**
 * A kind published directly: where it is stored, how it is read and written, and where its edits
 * are kept. `Input` and `EditInput` are what callers pass for a publication and an edit.
 */
export interface DirectKind<Data, Item extends { version: number }, Change, Input, EditInput> {
  table: 'isolation_facility' | 'press_conference';
  /** Prefix of its audit actions ('press_conference' → 'press_conference.publish', 'press_conference.update'). */
  auditPrefix: string;
  /** How a conflict names one item ('该发布会'). */
  thisItem: string;
  input: z.ZodType<Data, Input>;
  /** An edit: the whole item as it should now read, with `Edit`'s fields. */
  editInput: z.ZodType<Data & Edit, EditInput>;
  load(db: Executor, id: string): Promise<Item>;
  /**
   * Checks against what is stored (a number already taken); `self` is the item's id on an edit.
   * Returns any columns that depend on what is stored (a conference's address), written with the rest.
   */
  validate?(tx: Tx, data: Data, self: string | null): Promise<Record<string, unknown> | void>;
  /** Its own columns, from the input. */
  columns(data: Data): Record<string, unknown>;
  /** Columns its publication writes besides the shared ones (a conference's status and publisher). */
  published?(actor: Actor): Record<string, unknown>;
  /** Columns every write stamps (a facility's `updated_at`). */
  stamped?(now: string): Record<string, unknown>;
  /** Replaces its child rows (a conference's people, agencies, questions and links). */
  writeChildren?(tx: Tx, id: string, data: Data): Promise<void>;
  /** What an edit changed, as the public page lists it; an edit that changes nothing is refused. */
  changes(before: Item, after: Item): Change[];
  log: EditLog;
}

/** The tables and columns come from a kind's fixed description, never from input. */
const untyped = (db: Executor) => db as unknown as Kysely<Record<string, Record<string, unknown>>>;

/** What a kind published directly does, from its descriptor: publication, edits, and the edits each item has had. */
export function publishedDirectly<Data, Item extends { version: number }, Change, Input, EditInput>(
  kind: DirectKind<Data, Item, Change, Input, EditInput>,
) {
  const { log } = kind;
  return {
    /** The edits of the given items, oldest first, by item id. */
    async editsOf(db: Executor, ids: readonly string[]): Promise<Map<string, PublishedEdit<Change>[]>> {
      const byId = new Map<string, PublishedEdit<Change>[]>(ids.map((id) => [id, []]));
      if (ids.length === 0) return byId;
      const rows = await untyped(db)
        .selectFrom(log.table)
        .selectAll()
        .where(log.item, 'in', [...ids])
        .orderBy('version')
        .execute();
      for (const row of rows) {
        byId.get(row[log.item] as string)?.push({
          version: row.version as number,
          at: row[log.at] as string,
          reason: row.reason as string,
          fields: JSON.parse(row[log.changes] as string) as Change[],
        });
      }
      return byId;
    },

    /** A press officer publishes a new item at once. */
    async publish(ctx: WriteContext, raw: Input): Promise<Item> {
      const data = kind.input.parse(raw);
      return inTransaction(ctx.db, async (tx) => {
        const derived = (await kind.validate?.(tx, data, null)) ?? {};
        const id = newId();
        const now = ctx.now.toISOString();
        await tx
          .insertInto(kind.table as 'isolation_facility')
          .values({
            id,
            ...kind.columns(data),
            ...derived,
            version: 1,
            created_at: now,
            created_by: ctx.actor.id,
            published_at: now,
            ...kind.published?.(ctx.actor),
            ...kind.stamped?.(now),
          } as never)
          .execute();
        await kind.writeChildren?.(tx, id, data);
        const item = await kind.load(tx, id);
        await recordStepAudit(tx, ctx, kind, 'publish', id, { after: item });
        return item;
      });
    },

    /**
     * A press officer edits a published item: published at once, like the item itself, and refused
     * when someone else changed it since the editor loaded it, or when nothing changed.
     */
    async edit(ctx: WriteContext, raw: EditInput): Promise<Item> {
      const { id, expectedVersion, reason, ...rest } = kind.editInput.parse(raw);
      const data = rest as Data;
      return inTransaction(ctx.db, async (tx) => {
        const before = await kind.load(tx, id);
        assertVersion(before, expectedVersion);
        const derived = (await kind.validate?.(tx, data, id)) ?? {};
        const now = ctx.now.toISOString();
        const updated = await tx
          .updateTable(kind.table as 'isolation_facility')
          .set({ ...kind.columns(data), ...derived, version: before.version + 1, ...kind.stamped?.(now) } as never)
          .where('id', '=', id)
          .where('version', '=', expectedVersion)
          .executeTakeFirst();
        if (updated.numUpdatedRows !== 1n) throw new ConflictError(`${kind.thisItem}已被其他人修改，请刷新后重试`, 'expectedVersion');
        await kind.writeChildren?.(tx, id, data);
        const changes = kind.changes(before, await kind.load(tx, id));
        if (changes.length === 0) throw new InputError('reason', '没有修改任何内容');
        await untyped(tx)
          .insertInto(log.table)
          .values({
            id: newId(),
            [log.item]: id,
            version: before.version + 1,
            [log.at]: now,
            [log.by]: ctx.actor.id,
            reason,
            [log.changes]: JSON.stringify(changes),
          })
          .execute();
        const after = await kind.load(tx, id);
        await recordStepAudit(tx, ctx, kind, 'update', id, { before, after, reason });
        return after;
      });
    },
  };
}
