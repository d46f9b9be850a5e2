import {
  approveInput,
  approveIsolationSnapshot,
  getIsolationFacility,
  getIsolationSnapshot,
  isolationFacilityInput,
  isolationSnapshotInput,
  isolationSnapshotCorrectionInput,
  listCorrectionRequests,
  listIsolationFacilities,
  listIsolationSnapshots,
  listStaffIsolationSnapshots,
  prepareIsolationSnapshotCorrection,
  publishIsolationFacility,
  resubmitIsolationSnapshot,
  resubmitIsolationSnapshotInput,
  returnInput,
  returnIsolationSnapshot,
  submitIsolationSnapshot,
  updateIsolationFacility,
  updateIsolationFacilityInput,
} from '@epi/core/server';
import { z } from 'zod';
import { figuresProcedure, pressProcedure, publicProcedure, reviewerProcedure, router } from '../trpc.ts';

export const isolationRouter = router({
  snapshots: publicProcedure.query(({ ctx }) => listIsolationSnapshots(ctx.db)),
  facilities: publicProcedure.query(({ ctx }) => listIsolationFacilities(ctx.db)),
  /** Every snapshot in any status, with where it stands in review. */
  allSnapshots: figuresProcedure.query(({ ctx }) => listStaffIsolationSnapshots(ctx.db)),
  /** One snapshot in any status, with its review state and the corrections prepared for it. */
  getSnapshot: figuresProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const snapshot = await getIsolationSnapshot(ctx.db, input.id);
    return {
      ...snapshot,
      correctionRequests: await listCorrectionRequests(ctx.db, { entityType: 'isolation_snapshot', entityId: snapshot.id }),
    };
  }),
  // Snapshots are figures: submitted by a press officer, approved by a different reviewer.
  submitSnapshot: pressProcedure.input(isolationSnapshotInput).mutation(({ ctx, input }) => submitIsolationSnapshot(ctx.write, input)),
  resubmitSnapshot: pressProcedure
    .input(resubmitIsolationSnapshotInput)
    .mutation(({ ctx, input }) => resubmitIsolationSnapshot(ctx.write, input)),
  approveSnapshot: reviewerProcedure.input(approveInput).mutation(async ({ ctx, input }) => {
    const snapshot = await approveIsolationSnapshot(ctx.write, input);
    ctx.publisher?.request('发布集中隔离情况');
    return snapshot;
  }),
  returnSnapshot: reviewerProcedure.input(returnInput).mutation(({ ctx, input }) => returnIsolationSnapshot(ctx.write, input)),
  /** A press officer prepares a correction of a published snapshot; a reviewer applies it with report.approveCorrection. */
  correctSnapshot: pressProcedure
    .input(isolationSnapshotCorrectionInput)
    .mutation(({ ctx, input }) => prepareIsolationSnapshotCorrection(ctx.write, input)),
  // Facilities describe sites (name, location, status), not figures of the epidemic: a press
  // officer publishes them directly, without two-person review.
  publishFacility: pressProcedure.input(isolationFacilityInput).mutation(async ({ ctx, input }) => {
    const facility = await publishIsolationFacility(ctx.write, input);
    ctx.publisher?.request(`发布隔离设施：${facility.name}`);
    return facility;
  }),
  /** One published facility with its version, for the edit form. */
  facility: figuresProcedure.input(z.object({ id: z.string().min(1) })).query(({ ctx, input }) => getIsolationFacility(ctx.db, input.id)),
  /** A change to a published facility (status, rooms, opening date…), with a reason; shown publicly with what it was before. */
  updateFacility: pressProcedure.input(updateIsolationFacilityInput).mutation(async ({ ctx, input }) => {
    const facility = await updateIsolationFacility(ctx.write, input);
    ctx.publisher?.request(`更新隔离设施：${facility.name}`);
    return facility;
  }),
});
