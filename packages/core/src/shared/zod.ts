import { z } from 'zod';

// Default messages in Chinese; our own messages name the rule in the same language.
z.config(z.locales.zhCN());

/** An instant with an explicit offset ('2021-01-15T12:00:00+08:00'), normalised to UTC ISO. */
export const instant = z.iso
  .datetime({ offset: true, message: '需要带时区的时间，例如 2021-01-15T12:00:00+08:00' })
  .transform((s) => new Date(s).toISOString());

/** A calendar date 'YYYY-MM-DD' (Asia/Shanghai). */
export const calendarDate = z.iso.date({ message: '需要日期，格式 YYYY-MM-DD' });

export const count = z.number({ message: '需要数字' }).int('需要整数').min(0, '不能为负数').max(100_000_000, '数值过大');

/**
 * Characters no one means to type and a reader cannot see: zero-width spaces and joiners, soft
 * hyphens, and the bidirectional controls that can make a name read differently from what it is
 * ('\u202E' reverses what follows). Taken out of every text before it is checked.
 */
const INVISIBLE = /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
export const withoutInvisible = (s: string) => s.replace(INVISIBLE, '');
/** Line breaks, tabs and the other control characters. */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001F\u007F\u0085\u2028\u2029]+/g;
/** Text on one line: invisible characters out, line breaks, tabs and other controls as one space. */
export const oneLine = (s: string) => withoutInvisible(s).replace(CONTROLS, ' ').replace(/ {2,}/g, ' ');

export const requiredText = (max: number) => z.string().overwrite(withoutInvisible).trim().min(1, '必填').max(max, `不超过 ${max} 个字符`);
/**
 * A name on one line (a zone, a notice): line breaks, tabs and other control characters become one
 * space, so a name never breaks a list, a CSV row or a heading.
 */
export const nameText = (max: number) => z.string().overwrite(oneLine).trim().min(1, '必填').max(max, `不超过 ${max} 个字符`);
export const optionalText = (max: number) =>
  z
    .string()
    .overwrite(withoutInvisible)
    .trim()
    .max(max, `不超过 ${max} 个字符`)
    .nullish()
    .transform((s) => (s ? s : null));

export const id = z.string().min(1).max(64);
export const districtCode = z.string().regex(/^\d{6}$/, '区划代码为 6 位数字');
export const version = z.number().int().min(1);

/** What a change of a stored item names besides its content: the item, and the version the person saw. */
export const atVersion = { id, expectedVersion: version };

/** An edit of an item published without review: at the version seen, and why (the public page shows it). */
export const publishedEdit = { ...atVersion, reason: requiredText(500) };
