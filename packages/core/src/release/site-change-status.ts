// Where a change stands on its way to the public site: browser-safe, for the console.
export const SITE_CHANGE_STATUSES = ['pending', 'building', 'live', 'failed', 'blocked'] as const;
export type SiteChangeStatus = (typeof SITE_CHANGE_STATUSES)[number];
export const SITE_CHANGE_STATUS_LABELS: Record<SiteChangeStatus, string> = {
  pending: '等待发布',
  building: '正在生成',
  live: '已上线',
  failed: '发布失败',
  // The rest of the site went live; this item was set aside because building it failed.
  blocked: '未能发布（已隔离）',
};
