import {
  isolationFacilityInput,
  isolationSnapshotInput,
  listIsolationFacilities,
  listIsolationSnapshots,
  publishIsolationFacility,
  publishIsolationSnapshot,
} from '@epi/core/server';
import { pressProcedure, publicProcedure, router } from '../trpc.ts';

export const isolationRouter = router({
  snapshots: publicProcedure.query(({ ctx }) => listIsolationSnapshots(ctx.db)),
  facilities: publicProcedure.query(({ ctx }) => listIsolationFacilities(ctx.db)),
  publishSnapshot: pressProcedure.input(isolationSnapshotInput).mutation(async ({ ctx, input }) => {
    const snapshot = await publishIsolationSnapshot(ctx.write, input);
    ctx.publisher?.request('发布集中隔离情况');
    return snapshot;
  }),
  publishFacility: pressProcedure.input(isolationFacilityInput).mutation(async ({ ctx, input }) => {
    const facility = await publishIsolationFacility(ctx.write, input);
    ctx.publisher?.request(`发布隔离设施：${facility.name}`);
    return facility;
  }),
});
