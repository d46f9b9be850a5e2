import { zhCN, type Messages } from './zh-CN.ts';

export type { Messages };

/** The strings of the site's language. Another language is another file of the same shape. */
export const t: Messages = zhCN;
