// The plausible dates of a zone change: a start date in 2019, or a year typed as 0021, is refused
// rather than published (and, on the public site, rather than writing one page per day since then).
// The window is a setting: from a first date to a number of days after now.
import type { Executor } from '../db/database.ts';
import { getSetting, putSetting } from '../setting/setting.ts';
import { beijingDate, beijingDayStart } from '../shared/time.ts';
import { InputError } from '../shared/errors.ts';

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
  from: string;
  to: string;
  /** For messages: '2019-12-01 至 2021-04-20'. */
  label: string;
}

export async function getDateWindow(db: Executor, now: Date): Promise<DateWindow> {
  const raw = await getSetting(db, DATE_WINDOW_SETTING);
  const setting: DateWindowSetting = raw ? (JSON.parse(raw) as DateWindowSetting) : DEFAULT_DATE_WINDOW;
  const to = new Date(now.getTime() + setting.daysAhead * 86_400_000).toISOString();
  return { from: beijingDayStart(setting.from), to, label: `${setting.from} 至 ${beijingDate(to)}` };
}

export async function putDateWindow(db: Executor, setting: DateWindowSetting): Promise<void> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(setting.from) || !Number.isInteger(setting.daysAhead) || setting.daysAhead < 1) {
    throw new InputError('dateWindow', '日期范围需要起始日期（YYYY-MM-DD）和正整数天数');
  }
  await putSetting(db, DATE_WINDOW_SETTING, JSON.stringify(setting));
}

/** Null when the instant lies in the window, else the reason in words. */
export function outsideWindow(window: DateWindow, instant: string): string | null {
  if (instant >= window.from && instant <= window.to) return null;
  return `时间 ${beijingDate(instant)} 不在合理范围内（${window.label}），请核对年份和日期`;
}
