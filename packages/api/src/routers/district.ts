import { listCounties, listDistricts } from '@epi/core/server';
import { publicProcedure, router } from '../trpc.ts';

export const districtRouter = router({
  list: publicProcedure.query(({ ctx }) => listDistricts(ctx.db)),
  /** Every county-level unit of the province with its city, the city's own districts first: where a zone may lie. */
  counties: publicProcedure.query(({ ctx }) => listCounties(ctx.db)),
});
