import { z } from 'zod';
import { calendarDate, optionalText, requiredText } from '../shared/zod.ts';

export const BULLETIN_CATEGORIES = ['notice', 'meeting', 'press_release', 'rumour_refutation', 'correction'] as const;
export type BulletinCategory = (typeof BULLETIN_CATEGORIES)[number];
export const BULLETIN_CATEGORY_LABELS: Record<BulletinCategory, string> = {
  notice: '通知公告',
  meeting: '会议',
  press_release: '新闻发布',
  rumour_refutation: '辟谣',
  correction: '更正',
};

export const BULLETIN_STATUSES = ['draft', 'in_review', 'approved', 'scheduled', 'published', 'withdrawn'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];
export const BULLETIN_STATUS_LABELS: Record<BulletinStatus, string> = {
  draft: '草稿',
  in_review: '待审核',
  approved: '已审核',
  scheduled: '定时发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export const bulletinContentInput = z.object({
  title: requiredText(200),
  issuer: requiredText(100),
  issuedOn: calendarDate,
  category: z.enum(BULLETIN_CATEGORIES, { message: '请选择类别' }),
  bodyMd: requiredText(100_000),
});

export const createBulletinInput = bulletinContentInput;
export const updateBulletinInput = bulletinContentInput.extend({
  id: z.string().min(1),
  expectedVersion: z.number().int().min(1),
  changeReason: optionalText(500),
});
export const publishBulletinInput = z.object({ id: z.string().min(1), expectedVersion: z.number().int().min(1) });

export type BulletinContentInput = z.input<typeof bulletinContentInput>;
export type UpdateBulletinInput = z.input<typeof updateBulletinInput>;
