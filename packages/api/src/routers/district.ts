import { listDistricts } from '@epi/core/server';
import { publicProcedure, router } from '../trpc.ts';

export const districtRouter = router({
  list: publicProcedure.query(({ ctx }) => listDistricts(ctx.db)),
});
