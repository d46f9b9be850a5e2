// The procedures every kind of figures has (reports, testing rounds, isolation snapshots), built
// once: the public lists what is published; staff list and read it in any status; a press officer
// submits, resubmits and corrects it; a reviewer approves it, and the public site is rebuilt, or returns it.
import {
  approveInput,
  listCorrectionRequests,
  returnInput,
  type ApproveInput,
  type CorrectionEntityType,
  type Executor,
  type ReturnInput,
  type WriteContext,
} from '@epi/core/server';
import type { z } from 'zod';
import { byId, figuresProcedure, pressProcedure, publicProcedure, released, reviewerProcedure } from './trpc.ts';

/** A kind of figures in review, as `reviewedFigures` in core makes it. */
interface ReviewedFigures<Data, Resubmission, Item, Staff extends { id: string }> {
  table: CorrectionEntityType;
  input: z.ZodType<Data, unknown>;
  resubmitInput: z.ZodType<Resubmission, unknown>;
  list(db: Executor): Promise<Item[]>;
  listStaff(db: Executor): Promise<Staff[]>;
  get(db: Executor, id: string): Promise<Staff>;
  submit(ctx: WriteContext, raw: Data): Promise<Staff>;
  resubmit(ctx: WriteContext, raw: Resubmission): Promise<Staff>;
  approve(ctx: WriteContext, raw: ApproveInput): Promise<Staff>;
  return(ctx: WriteContext, raw: ReturnInput): Promise<Staff>;
}

/**
 * The review procedures of a kind of figures, with its correction (`prepare` takes what `input`
 * parsed) and the `reason` given for the release an approval asks for. tRPC leaves the parsed input
 * of a parser of generic type unresolved; it is the parser's output, hence the casts below.
 */
export function figureProcedures<Data, Resubmission, Item, Staff extends { id: string }, Correction, Prepared>(
  figures: ReviewedFigures<Data, Resubmission, Item, Staff>,
  correction: { input: z.ZodType<Correction, unknown>; prepare(ctx: WriteContext, raw: Correction): Promise<Prepared> },
  reason: (item: Staff) => string,
  /** The public page that shows the kind's figures ('/figures/'). */
  path: string,
) {
  return {
    /** Published items, each with the corrections made since publication. */
    list: publicProcedure.query(({ ctx }) => figures.list(ctx.db)),
    /** Every item in any status, with where it stands in review. */
    all: figuresProcedure.query(({ ctx }) => figures.listStaff(ctx.db)),
    /** One item in any status, with its review state and the corrections prepared for it. */
    get: figuresProcedure.input(byId).query(async ({ ctx, input }) => {
      const item = await figures.get(ctx.db, input.id);
      return { ...item, correctionRequests: await listCorrectionRequests(ctx.db, { entityType: figures.table, entityId: item.id }) };
    }),
    submit: pressProcedure.input(figures.input).mutation(({ ctx, input }) => figures.submit(ctx.write, input as Data)),
    resubmit: pressProcedure.input(figures.resubmitInput).mutation(({ ctx, input }) => figures.resubmit(ctx.write, input as Resubmission)),
    approve: reviewerProcedure.input(approveInput).mutation(released(figures.approve, reason, () => path)),
    return: reviewerProcedure.input(returnInput).mutation(({ ctx, input }) => figures.return(ctx.write, input)),
    /** A press officer prepares a correction of a published item; a reviewer applies it with report.approveCorrection. */
    correct: pressProcedure.input(correction.input).mutation(({ ctx, input }) => correction.prepare(ctx.write, input as Correction)),
  };
}
