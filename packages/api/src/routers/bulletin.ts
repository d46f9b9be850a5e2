import {
  BULLETIN_STATUSES,
  bulletinSiteChange,
  approveBulletin,
  approveBulletinInput,
  attachmentContent,
  createBulletin,
  createBulletinInput,
  getBulletin,
  listBulletinRevisions,
  listStaffBulletins,
  listBulletinTransitions,
  listPublicBulletins,
  publicAttachmentContent,
  publishBulletin,
  publishBulletinInput,
  returnBulletin,
  returnBulletinInput,
  scheduleBulletin,
  scheduleBulletinInput,
  submitBulletin,
  submitBulletinInput,
  unscheduleBulletin,
  unscheduleBulletinInput,
  updateBulletin,
  updateBulletinInput,
  uploadAttachment,
  uploadAttachmentInput,
  withdrawBulletin,
  withdrawBulletinInput,
  requestTakedown,
  requestTakedownInput,
  confirmTakedown,
  cancelTakedown,
  listTakedowns,
  takedownStepInput,
  type Bulletin,
} from '@epi/core/server';
import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  byId,
  pressProcedure,
  publicProcedure,
  releasedWrite,
  reviewerProcedure,
  roleProcedure,
  router,
  siteBuildProcedure,
} from '../trpc.ts';

const staff = roleProcedure('press_officer', 'reviewer', 'admin');
/**
 * Publishing and scheduling an approved bulletin: the press officer or the reviewer (a time the
 * reviewer set binds: see core/bulletin/workflow.ts). Withdrawing: a reviewer.
 */
const publishing = roleProcedure('press_officer', 'reviewer');
const withdrawing = roleProcedure('reviewer');
/** Taking a bulletin down: an admin and a reviewer, one asking and the other confirming. */
const takingDown = roleProcedure('admin', 'reviewer');

const title = (b: Bulletin) => b.publishedRevision?.title ?? b.currentRevision.title;

// Who does what: press officers write and submit; a reviewer (another person) returns or approves;
// either publishes or schedules what has been approved, a time the reviewer set only by a reviewer;
// a reviewer withdraws. Admins read.
export const bulletinRouter = router({
  /** Published and withdrawn bulletins as the public sees them. */
  list: publicProcedure.query(({ ctx }) => listPublicBulletins(ctx.db)),
  byId: publicProcedure.input(byId).query(async ({ ctx, input }) => {
    const [found] = await listPublicBulletins(ctx.db, [input.id]);
    if (!found) throw new TRPCError({ code: 'NOT_FOUND', message: '公告不存在或未发布' });
    return found;
  }),
  /** The bytes of an attachment of a published revision, for the public site's build. */
  attachment: siteBuildProcedure.input(byId).query(({ ctx, input }) => publicAttachmentContent(ctx.db, input.id)),

  /** Every bulletin in every state, for the console. */
  all: staff
    .input(z.object({ statuses: z.array(z.enum(BULLETIN_STATUSES)).optional() }).optional())
    .query(({ ctx, input }) => listStaffBulletins(ctx.db, { statuses: input?.statuses })),
  get: staff.input(byId).query(({ ctx, input }) => getBulletin(ctx.db, input.id)),
  revisions: staff.input(byId).query(({ ctx, input }) => listBulletinRevisions(ctx.db, input.id)),
  transitions: staff.input(byId).query(({ ctx, input }) => listBulletinTransitions(ctx.db, input.id)),
  attachmentContent: staff.input(byId).query(({ ctx, input }) => attachmentContent(ctx.db, input.id)),

  create: pressProcedure.input(createBulletinInput).mutation(({ ctx, input }) => createBulletin(ctx.write, input)),
  update: pressProcedure.input(updateBulletinInput).mutation(async ({ ctx, input }) => {
    const bulletin = await updateBulletin(ctx.write, input);
    // A new revision cancels whatever publication was scheduled for the previous one.
    ctx.publisher?.scheduleChanged?.();
    return bulletin;
  }),
  upload: pressProcedure.input(uploadAttachmentInput).mutation(({ ctx, input }) => uploadAttachment(ctx.write, input)),
  submit: pressProcedure.input(submitBulletinInput).mutation(({ ctx, input }) => submitBulletin(ctx.write, input)),

  return: reviewerProcedure.input(returnBulletinInput).mutation(({ ctx, input }) => returnBulletin(ctx.write, input)),
  approve: reviewerProcedure.input(approveBulletinInput).mutation(async ({ ctx, input }) => {
    const bulletin = await approveBulletin(ctx.write, input);
    // A scheduled publication is planned by the scheduler, which is told about it here.
    if (bulletin.status === 'scheduled') ctx.publisher?.scheduleChanged?.();
    return bulletin;
  }),

  publish: publishing.input(publishBulletinInput).mutation(({ ctx, input }) =>
    releasedWrite(
      ctx,
      (w) => publishBulletin(w, input),
      (b) => bulletinSiteChange('发布公告', { id: b.id, title: title(b) }),
    ),
  ),
  schedule: publishing.input(scheduleBulletinInput).mutation(async ({ ctx, input }) => {
    const bulletin = await scheduleBulletin(ctx.write, input);
    ctx.publisher?.scheduleChanged?.();
    return bulletin;
  }),
  unschedule: publishing.input(unscheduleBulletinInput).mutation(async ({ ctx, input }) => {
    const bulletin = await unscheduleBulletin(ctx.write, input);
    ctx.publisher?.scheduleChanged?.();
    return bulletin;
  }),
  /** Takedowns waiting for the other role's confirmation. */
  takedowns: takingDown.query(({ ctx }) => listTakedowns(ctx.db)),
  requestTakedown: takingDown.input(requestTakedownInput).mutation(({ ctx, input }) => requestTakedown(ctx.write, input)),
  confirmTakedown: takingDown.input(takedownStepInput).mutation(async ({ ctx, input }) => {
    const done = await releasedWrite(
      ctx,
      (w) => confirmTakedown(w, input),
      (r) => ({ reason: '撤下公告（内容已删除）', path: `/bulletins/${r.bulletinId}/` }),
    );
    ctx.publisher?.scheduleChanged?.();
    return done;
  }),
  cancelTakedown: takingDown.input(takedownStepInput).mutation(async ({ ctx, input }) => {
    await cancelTakedown(ctx.write, input);
    return { ok: true };
  }),
  withdraw: withdrawing.input(withdrawBulletinInput).mutation(async ({ ctx, input }) => {
    const bulletin = await releasedWrite(
      ctx,
      (w) => withdrawBulletin(w, input),
      (b) => bulletinSiteChange('撤回公告', { id: b.id, title: title(b) }),
    );
    ctx.publisher?.scheduleChanged?.();
    return bulletin;
  }),
});
