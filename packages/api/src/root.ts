import { accountRouter } from './routers/account.ts';
import { auditRouter } from './routers/audit.ts';
import { authRouter } from './routers/auth.ts';
import { bulletinRouter } from './routers/bulletin.ts';
import { districtRouter } from './routers/district.ts';
import { isolationRouter } from './routers/isolation.ts';
import { pressConferenceRouter } from './routers/press-conference.ts';
import { releaseRouter } from './routers/release.ts';
import { reportRouter } from './routers/report.ts';
import { reviewRouter } from './routers/review.ts';
import { testingRoundRouter } from './routers/testing-round.ts';
import { userRouter } from './routers/user.ts';
import { zoneRouter } from './routers/zone.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  auth: authRouter,
  account: accountRouter,
  user: userRouter,
  district: districtRouter,
  zone: zoneRouter,
  report: reportRouter,
  testingRound: testingRoundRouter,
  isolation: isolationRouter,
  pressConference: pressConferenceRouter,
  review: reviewRouter,
  bulletin: bulletinRouter,
  release: releaseRouter,
  audit: auditRouter,
});

export type AppRouter = typeof appRouter;

/** A server-side caller: the site build and tests call procedures without HTTP. */
export const createCaller = createCallerFactory(appRouter);
