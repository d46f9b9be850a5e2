import { listAudit } from '@epi/core/server';
import { z } from 'zod';
import { adminProcedure, router } from '../trpc.ts';

export const auditRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          entityType: z.string().max(40).optional(),
          entityId: z.string().max(64).optional(),
          actions: z.array(z.string().max(60)).max(20).optional(),
          limit: z.number().int().min(1).max(1000).optional(),
        })
        .optional(),
    )
    .query(({ ctx, input }) => listAudit(ctx.db, input ?? {})),
});
