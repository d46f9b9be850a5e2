import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { IMPORT_MAX_TEXT_CHARS, readSheetInWorker } from './import-sheet.ts';

const HEADER = ['区县', '乡镇/街道', '村/社区/小区', '风险等级', '生效时间', '依据'];

async function xlsx(rows: unknown[][], options: { sharedStrings?: boolean } = {}): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('名单');
  for (const row of rows) sheet.addRow(row);
  return new Uint8Array(await workbook.xlsx.writeBuffer({ useSharedStrings: options.sharedStrings ?? true } as never));
}

describe('reading an import file in a worker with its own limits', () => {
  it('returns the rows, date cells included', async () => {
    const sheet = await readSheetInWorker(
      await xlsx([HEADER, ['藁城区', '增村镇', '西里村', '高风险', new Date(Date.UTC(2021, 0, 6)), '通告第1号']]),
    );
    expect(sheet.format).toBe('xlsx');
    expect(sheet.rows).toEqual([
      { row: 1, cells: HEADER },
      { row: 2, cells: ['藁城区', '增村镇', '西里村', '高风险', new Date(Date.UTC(2021, 0, 6)), '通告第1号'] },
    ]);
  });

  it('stops at the text cap: one long text referenced by thousands of cells of a small file', async () => {
    // Under 2 MB on disk (the text is stored once), 17 M characters once every cell is read.
    const long = '依据'.repeat(2_000);
    const rows = [HEADER, ...Array.from({ length: 4_300 }, () => ['藁城区', '', '', '高风险', '2021-01-06', long])];
    const bytes = await xlsx(rows);
    expect(bytes.byteLength).toBeLessThan(2 * 1024 * 1024);
    expect(4_300 * long.length).toBeGreaterThan(IMPORT_MAX_TEXT_CHARS);
    await expect(readSheetInWorker(bytes)).rejects.toThrow('文件中的文字超过 16 M 字');
  });

  it('stops at the row cap while reading, before the rest is parsed', async () => {
    const text = [
      '区县,区域,风险等级,生效时间,依据',
      ...Array.from({ length: 20_002 }, (_, i) => `藁城区,村${i},高风险,2021-01-06,通告`),
    ].join('\n');
    await expect(readSheetInWorker(new TextEncoder().encode(text))).rejects.toThrow('文件超过 20,000 行');
  });

  it('refuses a file that needs more memory than the worker may use, and one that takes too long; the process lives on', async () => {
    const rows = [
      HEADER,
      ...Array.from({ length: 6_000 }, (_, i) => ['藁城区', '增村镇', `村${i}`, '高风险', '2021-01-06', `通告第${i}号`]),
    ];
    const bytes = await xlsx(rows, { sharedStrings: false });
    await expect(readSheetInWorker(bytes, { heapMb: 8, timeoutMs: 60_000 })).rejects.toThrow('读取文件所需内存超过 8 MB');
    await expect(readSheetInWorker(bytes, { heapMb: 512, timeoutMs: 1 })).rejects.toThrow('读取文件超过 0.001 秒仍未完成');
    // The same file within the limits.
    expect((await readSheetInWorker(bytes)).rows).toHaveLength(6_001);
  });
});
