import {
  getIsolationFacility,
  isolationFacilityInput,
  isolationSnapshotCorrectionInput,
  listIsolationFacilities,
  prepareIsolationSnapshotCorrection,
  publishIsolationFacility,
  reviewedIsolationSnapshots,
  updateIsolationFacility,
  updateIsolationFacilityInput,
} from '@epi/core/server';
import { figureProcedures } from '../figure-procedures.ts';
import { byId, figuresProcedure, pressProcedure, publicProcedure, released, router } from '../trpc.ts';

// Snapshots are figures: submitted by a press officer, approved by a different reviewer.
const snapshots = figureProcedures(
  reviewedIsolationSnapshots,
  { input: isolationSnapshotCorrectionInput, prepare: prepareIsolationSnapshotCorrection },
  () => '发布集中隔离情况',
  '/isolation/',
);

export const isolationRouter = router({
  snapshots: snapshots.list,
  facilities: publicProcedure.query(({ ctx }) => listIsolationFacilities(ctx.db)),
  allSnapshots: snapshots.all,
  getSnapshot: snapshots.get,
  submitSnapshot: snapshots.submit,
  resubmitSnapshot: snapshots.resubmit,
  approveSnapshot: snapshots.approve,
  returnSnapshot: snapshots.return,
  correctSnapshot: snapshots.correct,
  // Facilities describe sites (name, location, status), not figures of the epidemic: a press
  // officer publishes them directly, without two-person review.
  publishFacility: pressProcedure.input(isolationFacilityInput).mutation(
    released(
      publishIsolationFacility,
      (f) => `发布隔离设施：${f.name}`,
      () => '/isolation/',
    ),
  ),
  /** One published facility with its version, for the edit form. */
  facility: figuresProcedure.input(byId).query(({ ctx, input }) => getIsolationFacility(ctx.db, input.id)),
  /** A change to a published facility (status, rooms, opening date…), with a reason; shown publicly with what it was before. */
  updateFacility: pressProcedure.input(updateIsolationFacilityInput).mutation(
    released(
      updateIsolationFacility,
      (f) => `更新隔离设施：${f.name}`,
      () => '/isolation/',
    ),
  ),
});
