// The zone downloads as files: what each is called and how it is encoded.
import { z } from 'zod';
import type { Executor } from '../db/database.ts';
import { beijingDate } from '../shared/time.ts';
import { currentZonesTable, importTemplateTable, tableToCsv, tableToXlsx, zoneHistoryTable, type ExportTable } from './export.ts';

const KINDS = {
  current: { table: currentZonesTable, name: '管控区域名单', ascii: 'zones-current' },
  history: { table: zoneHistoryTable, name: '管控区域变更记录', ascii: 'zones-history' },
  template: { table: async (_db: Executor, _now: Date) => importTemplateTable(), name: '管控区域导入模板', ascii: 'zones-import-template' },
} satisfies Record<string, { table: (db: Executor, now: Date) => Promise<ExportTable>; name: string; ascii: string }>;

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export const zoneExportInput = z.object({
  kind: z.enum(['current', 'history', 'template']),
  format: z.enum(['csv', 'xlsx']),
});
export type ZoneExportInput = z.input<typeof zoneExportInput>;

export interface ZoneExportFile {
  /** The Chinese file name, dated in Beijing time except for the template. */
  filename: string;
  /** The same name in ASCII, for clients that cannot read `filename*`. */
  asciiFilename: string;
  contentType: string;
  /** The file's bytes, base64-encoded so the file travels as JSON too. */
  base64: string;
}

/** The zone list as it stands, every recorded change, or the import template, as CSV or XLSX. */
export async function zoneExportFile(db: Executor, raw: ZoneExportInput, now: Date): Promise<ZoneExportFile> {
  const { kind, format } = zoneExportInput.parse(raw);
  const file = KINDS[kind];
  const table = await file.table(db, now);
  const bytes = format === 'csv' ? new TextEncoder().encode(tableToCsv(table)) : await tableToXlsx(table, { help: kind === 'template' });
  const suffix = kind === 'template' ? '' : `-${beijingDate(now)}`;
  return {
    filename: `${file.name}${suffix}.${format}`,
    asciiFilename: `${file.ascii}${suffix}.${format}`,
    contentType: CONTENT_TYPES[format],
    base64: Buffer.from(bytes).toString('base64'),
  };
}
