import { checkReport, extractReport, getReport, listReports, publishReport, reportInput } from '@epi/core/server';
import { z } from 'zod';
import { pressProcedure, publicProcedure, router } from '../trpc.ts';

export const reportRouter = router({
  /** Published reports, latest period first. */
  list: publicProcedure.query(({ ctx }) => listReports(ctx.db, { status: 'published' })),
  latest: publicProcedure.query(async ({ ctx }) => (await listReports(ctx.db, { status: 'published' }))[0] ?? null),
  byId: publicProcedure.input(z.object({ id: z.string().min(1) })).query(async ({ ctx, input }) => {
    const report = await getReport(ctx.db, input.id);
    return report.status === 'published' ? report : null;
  }),
  /** Figures read from a pasted bulletin paragraph, each with the sentence it came from. */
  extract: pressProcedure
    .input(z.object({ text: z.string().max(20_000), year: z.number().int().min(2000).max(2100) }))
    .query(({ input }) => extractReport(input.text, { year: input.year })),
  /** Reconciliation against the previous published report, for the form as it is filled in. */
  check: pressProcedure.input(reportInput).query(({ ctx, input }) => checkReport(ctx.db, input)),
  publish: pressProcedure.input(reportInput).mutation(async ({ ctx, input }) => {
    const report = await publishReport(ctx.write, input);
    ctx.publisher?.request('发布疫情通报');
    return report;
  }),
});
