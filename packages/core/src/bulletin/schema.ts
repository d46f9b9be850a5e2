import { z } from 'zod';
import { returnInput, REVIEW_STATUS_LABELS, type BulletinStatus } from '../review/schema.ts';
import { atVersion, calendarDate, id, instant, optionalText, requiredText } from '../shared/zod.ts';

export const BULLETIN_CATEGORIES = ['notice', 'meeting', 'press_release', 'rumour_refutation', 'correction'] as const;
export type BulletinCategory = (typeof BULLETIN_CATEGORIES)[number];
export const BULLETIN_CATEGORY_LABELS: Record<BulletinCategory, string> = {
  notice: '通知公告',
  meeting: '会议',
  press_release: '新闻发布',
  rumour_refutation: '辟谣',
  correction: '更正',
};

export { BULLETIN_STATUSES, type BulletinStatus } from '../review/schema.ts';
/** The bulletin's states, named as everywhere else in review. */
export const BULLETIN_STATUS_LABELS: Record<BulletinStatus, string> = REVIEW_STATUS_LABELS;

/** Attachments: PDF and images, recognised by their content, never by their name. */
export const ATTACHMENT_TYPES = {
  'application/pdf': { ext: 'pdf', label: 'PDF' },
  'image/png': { ext: 'png', label: 'PNG 图片' },
  'image/jpeg': { ext: 'jpg', label: 'JPEG 图片' },
  'image/gif': { ext: 'gif', label: 'GIF 图片' },
  'image/webp': { ext: 'webp', label: 'WebP 图片' },
} as const;
export type AttachmentMediaType = keyof typeof ATTACHMENT_TYPES;
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENTS_PER_REVISION = 20;

export const bulletinContentInput = z.object({
  title: requiredText(200),
  issuer: requiredText(100),
  issuedOn: calendarDate,
  category: z.enum(BULLETIN_CATEGORIES, { message: '请选择类别' }),
  bodyMd: requiredText(100_000),
  attachmentIds: z.array(id).max(ATTACHMENTS_PER_REVISION, `附件不超过 ${ATTACHMENTS_PER_REVISION} 个`).default([]),
});

export const createBulletinInput = bulletinContentInput;
export const updateBulletinInput = bulletinContentInput.extend({ ...atVersion, changeReason: optionalText(500) });

/** Every workflow step names the bulletin and the version the person was looking at. */
export const bulletinStepInput = z.object(atVersion);
export const publishBulletinInput = bulletinStepInput;
export const submitBulletinInput = bulletinStepInput;
export const unscheduleBulletinInput = bulletinStepInput;
/** A return is the same for every reviewed kind. */
export const returnBulletinInput = returnInput;
export const approveBulletinInput = bulletinStepInput.extend({
  /** Approve and schedule in one step: the bulletin goes out at this time (an embargo). */
  publishAt: instant.nullish().transform((s) => s ?? null),
});
export const scheduleBulletinInput = bulletinStepInput.extend({ publishAt: instant });
export const withdrawBulletinInput = bulletinStepInput.extend({ reason: requiredText(500) });

export const uploadAttachmentInput = z.object({
  bulletinId: id,
  filename: requiredText(200),
  /** The file, base64-encoded. */
  contentBase64: z
    .string()
    .min(1, '文件为空')
    .max(Math.ceil((ATTACHMENT_MAX_BYTES * 4) / 3) + 4, `文件不能超过 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB`),
});

export type BulletinContentInput = z.input<typeof bulletinContentInput>;
/** A revision's text as read from its input. */
export type BulletinContent = z.output<typeof bulletinContentInput>;
export type UpdateBulletinInput = z.input<typeof updateBulletinInput>;
export type UploadAttachmentInput = z.input<typeof uploadAttachmentInput>;

/** A takedown asked for: which bulletin and why (shown publicly at its address). */
export const requestTakedownInput = z.object({ id, reason: requiredText(500) });
export const takedownStepInput = z.object({ takedownId: id });
