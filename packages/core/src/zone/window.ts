// The plausible dates of a zone change: a start date in 2019, or a year typed as 0021, is refused
// rather than published (and, on the public site, rather than writing one page per day since then).
// The window is a setting: from a first date to a number of days after now.
import type { Executor } from '../db/database.ts';
import { getSetting, putSetting } from '../setting/setting.ts';
import { beijingDate, beijingDayStart } from '../shared/time.ts';
import { InputError } from '../shared/errors.ts';
import { recordAudit } from '../audit/audit.ts';
import type { WriteContext } from '../shared/actor.ts';
import { inTransaction } from '../shared/tx.ts';

export const DATE_WINDOW_SETTING = 'zone.date_window';

export interface DateWindowSetting {
  /** 'YYYY-MM-DD', Beijing: the earliest date a change may take effect. */
  from: string;
  /** How many days after now a change may be announced for. */
  daysAhead: number;
}

/** The first cases of the pandemic were reported in December 2019: nothing before is plausible. */
export const DEFAULT_DATE_WINDOW: DateWindowSetting = { from: '2019-12-01', daysAhead: 90 };

export interface DateWindow {
  /** The setting it comes from. */
  setting: DateWindowSetting;
  from: string;
  to: string;
  /** For messages: '2019-12-01 至 2021-04-20'. */
  label: string;
}

export async function getDateWindow(db: Executor, now: Date): Promise<DateWindow> {
  const raw = await getSetting(db, DATE_WINDOW_SETTING);
  const setting: DateWindowSetting = raw ? (JSON.parse(raw) as DateWindowSetting) : DEFAULT_DATE_WINDOW;
  const to = new Date(now.getTime() + setting.daysAhead * 86_400_000).toISOString();
  return { setting, from: beijingDayStart(setting.from), to, label: `${setting.from} 至 ${beijingDate(to)}` };
}

/** Puts another window in force; audited with before and after. */
export async function setDateWindow(ctx: WriteContext, setting: DateWindowSetting): Promise<DateWindowSetting> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(setting.from) || Number.isNaN(Date.parse(setting.from))) {
    throw new InputError('from', `起始日期「${setting.from}」不是 YYYY-MM-DD 格式的日期`);
  }
  if (!Number.isInteger(setting.daysAhead) || setting.daysAhead < 1 || setting.daysAhead > 366) {
    throw new InputError('daysAhead', '向后天数须为 1 至 366 之间的整数');
  }
  return inTransaction(ctx.db, async (tx) => {
    const raw = await getSetting(tx, DATE_WINDOW_SETTING);
    const before: DateWindowSetting = raw ? (JSON.parse(raw) as DateWindowSetting) : DEFAULT_DATE_WINDOW;
    const after = { from: setting.from, daysAhead: setting.daysAhead };
    await putSetting(tx, DATE_WINDOW_SETTING, JSON.stringify(after));
    await recordAudit(tx, ctx.actor, ctx.now, {
      action: 'zone.date_window',
      entityType: 'setting',
      entityId: DATE_WINDOW_SETTING,
      before,
      after,
    });
    return after;
  });
}

/** Null when the instant lies in the window, else the reason in words. */
export function outsideWindow(window: DateWindow, instant: string): string | null {
  if (instant >= window.from && instant <= window.to) return null;
  return `时间 ${beijingDate(instant)} 不在合理范围内（${window.label}），请核对年份和日期`;
}
