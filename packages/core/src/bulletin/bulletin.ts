// Bulletins, by concern: read models and queries (read.ts), the workflow (workflow.ts), scheduled
// publication (schedule.ts), attachments (attachment.ts); Markdown rendering is in markdown.ts.
// The read models (`Bulletin`, `PublicBulletin` …); the queries are listed below.
export type * from './read.ts';
export { getBulletin, listBulletinRevisions, listBulletinTransitions, listPublicBulletins, listStaffBulletins } from './read.ts';
export {
  approveBulletin,
  createBulletin,
  publishBulletin,
  returnBulletin,
  scheduleBulletin,
  submitBulletin,
  unscheduleBulletin,
  updateBulletin,
  withdrawBulletin,
} from './workflow.ts';
export { nextScheduledBulletin, publishDueBulletins } from './schedule.ts';
export { attachmentContent, publicAttachmentContent, uploadAttachment } from './attachment.ts';
