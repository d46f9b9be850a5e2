// Where a change stands on its way to the public site: browser-safe, for the console.
export const SITE_CHANGE_STATUSES = ['pending', 'building', 'live', 'failed'] as const;
export type SiteChangeStatus = (typeof SITE_CHANGE_STATUSES)[number];
export const SITE_CHANGE_STATUS_LABELS: Record<SiteChangeStatus, string> = {
  pending: '等待发布',
  building: '正在生成',
  live: '已上线',
  failed: '发布失败',
};
