import {
  beijingDate,
  currentZonesTable,
  importTemplateTable,
  tableToCsv,
  tableToXlsx,
  zoneHistoryTable,
  type ExportTable,
} from '@epi/core/server';
import { error } from '@sveltejs/kit';
import { getRuntime } from '#lib/server/runtime.ts';
import type { RequestHandler } from './$types';

const FILES: Record<string, { table: (db: ReturnType<typeof getRuntime>['db'], now: Date) => Promise<ExportTable>; name: string; ascii: string }> = {
  current: { table: currentZonesTable, name: '管控区域名单', ascii: 'zones-current' },
  history: { table: zoneHistoryTable, name: '管控区域变更记录', ascii: 'zones-history' },
  template: { table: async () => importTemplateTable(), name: '管控区域导入模板', ascii: 'zones-import-template' },
};

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** An attachment with a plain ASCII name for old clients and the Chinese name as RFC 5987 `filename*`. */
function disposition(name: string, ascii: string): string {
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

// Downloads for admins: the zone list as it stands, every recorded change, and the import template.
export const GET: RequestHandler = async ({ locals, params }) => {
  if (locals.user?.role !== 'admin') error(403, '仅限管理员下载');
  const match = /^(current|history|template)\.(csv|xlsx)$/.exec(params.file);
  if (!match) error(404, '没有这个文件');
  const [, kind, format] = match as unknown as [string, keyof typeof FILES, keyof typeof TYPES];
  const file = FILES[kind]!;
  const { db, clock } = getRuntime();
  const now = clock.now();
  const table = await file.table(db, now);
  const date = beijingDate(now);
  const body = format === 'csv' ? new TextEncoder().encode(tableToCsv(table)) : await tableToXlsx(table, { help: kind === 'template' });
  const suffix = kind === 'template' ? '' : `-${date}`;
  return new Response(body as Uint8Array<ArrayBuffer>, {
    headers: {
      'content-type': TYPES[format],
      'content-disposition': disposition(`${file.name}${suffix}.${format}`, `${file.ascii}${suffix}.${format}`),
      'cache-control': 'no-store',
    },
  });
};
