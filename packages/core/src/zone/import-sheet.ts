// Reading an import file into rows of cells; a spreadsheet in a worker thread with its own memory
// ceiling, so the console's process never holds more than the rows that came out. Reading stops as
// soon as the file holds more rows, or more text, than an import may have.
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse/sync';
import { Worker } from 'node:worker_threads';
import { InputError } from '../shared/errors.ts';
import { IMPORT_MAX_ROWS } from './import-format.ts';

/** A cell as read: text, or a date from a spreadsheet date cell (UTC fields = wall-clock time). */
export type Cell = string | Date;

export interface SheetRow {
  /** The row number the spreadsheet shows. */
  row: number;
  cells: Cell[];
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  rows: SheetRow[];
}

/** The most text the cells of one file may hold, counted as read (a cell repeated by reference counts each time). */
export const IMPORT_MAX_TEXT_CHARS = 16 * 1024 * 1024;
/** The memory a worker may use to read one file, and how long it may take. */
export const READ_LIMITS = { heapMb: 512, timeoutMs: 60_000 };

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

export const isZip = (bytes: Uint8Array) => ZIP_MAGIC.every((b, i) => bytes[i] === b);

/** Marks an XLSX number so a date column can read it as a serial date and other columns as text. */
export const SERIAL_PREFIX = '\u0000n:';

export const tooManyRows = () => new InputError('content', `文件超过 ${IMPORT_MAX_ROWS.toLocaleString('en-US')} 行，请分成几个文件导入`);
const tooMuchText = () =>
  new InputError(
    'content',
    `文件中的文字超过 ${IMPORT_MAX_TEXT_CHARS / 1024 / 1024} M 字（正常的名单远小于此），请检查文件，或分成几个文件导入`,
  );

/** Counts rows with content and characters as they are read; throws once either is over its cap. */
class Caps {
  private rows = 0;
  private chars = 0;
  row(cells: readonly Cell[]): void {
    let any = false;
    for (const cell of cells) {
      if (typeof cell === 'string') {
        this.chars += cell.length;
        if (cell.trim() !== '') any = true;
      } else any = true;
    }
    if (this.chars > IMPORT_MAX_TEXT_CHARS) throw tooMuchText();
    // The header row and IMPORT_MAX_ROWS rows of data.
    if (any && ++this.rows > IMPORT_MAX_ROWS + 1) throw tooManyRows();
  }
}

/** Text of a CSV file: UTF-8 (BOM or not), or GB18030 as Excel saves "CSV" on a Chinese Windows. */
export function decodeCsvText(bytes: Uint8Array): string {
  const utf8 = new TextDecoder('utf-8').decode(bytes);
  if (!utf8.includes('\uFFFD')) return utf8.replace(/^\uFEFF/, '');
  try {
    const gb = new TextDecoder('gb18030', { fatal: true }).decode(bytes);
    return gb.replace(/^\uFEFF/, '');
  } catch {
    return utf8.replace(/^\uFEFF/, '');
  }
}

function readCsv(bytes: Uint8Array): Sheet {
  const caps = new Caps();
  const rows: SheetRow[] = [];
  try {
    // One line ending throughout: a file edited on several systems may mix LF, CR and CRLF, and the
    // parser takes the first one it meets as the only row delimiter.
    const text = decodeCsvText(bytes).replace(/\r\n?/g, '\n');
    parseCsv(text, {
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Each record is checked as it is parsed; none is kept by the parser.
      on_record: (cells: string[]) => {
        caps.row(cells);
        // One record is one spreadsheet row, even when a quoted cell spans several lines.
        rows.push({ row: rows.length + 1, cells });
        return null;
      },
    });
  } catch (e) {
    if (e instanceof InputError) throw e;
    const line = (e as { lines?: number }).lines;
    throw new InputError('content', `无法读取 CSV 文件${line ? `（约第 ${line} 行）` : ''}：${e instanceof Error ? e.message : String(e)}`);
  }
  return { format: 'csv', rows };
}

/** Excel's serial day number (1900 system) as a Date whose UTC fields are the wall-clock time. */
export function excelSerialToDate(serial: number): Date {
  return new Date(Math.round((serial - 25569) * 86_400_000));
}

function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('formula' in value || 'sharedFormula' in value) return cellOf((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('hyperlink' in value) return String((value as { text?: unknown }).text ?? '');
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array): Promise<Sheet> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch (e) {
    throw new InputError('content', `无法读取 XLSX 文件：${e instanceof Error ? e.message : String(e)}`);
  }
  const sheet = workbook.worksheets.find((ws) => ws.actualRowCount > 0);
  if (!sheet) throw new InputError('content', '文件中没有内容');
  const caps = new Caps();
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, number) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) {
      const cell = row.getCell(c);
      // A number in a date column may be a date cell without a date format: keep the serial as text
      // and let the time reader decide.
      cells.push(cell.type === ExcelJS.ValueType.Number ? `${SERIAL_PREFIX}${cell.value as number}` : cellOf(cell.value));
    }
    caps.row(cells);
    rows.push({ row: number, cells });
  });
  return { format: 'xlsx', rows };
}

/** The rows of a file, read in this thread (the worker's part): XLSX is a zip, anything else is read as CSV text. */
export function readSheetBytes(bytes: Uint8Array): Promise<Sheet> {
  return isZip(bytes) ? readXlsx(bytes) : Promise.resolve(readCsv(bytes));
}

type WorkerReply = { ok: true; sheet: Sheet } | { ok: false; field: string | null; message: string };

/**
 * The rows of a file, read in a worker thread limited to `limits.heapMb` of memory and
 * `limits.timeoutMs`: a file that needs more is refused with a message, and the console stays up.
 */
export function readSheetInWorker(bytes: Uint8Array, limits = READ_LIMITS): Promise<Sheet> {
  return new Promise<Sheet>((resolve, reject) => {
    const worker = new Worker(new URL('./import-sheet-worker.ts', import.meta.url), {
      workerData: bytes,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb, maxYoungGenerationSizeMb: Math.min(64, limits.heapMb / 4) },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      outcome();
      void worker.terminate();
    };
    const timer = setTimeout(
      () =>
        settle(() =>
          reject(new InputError('content', `读取文件超过 ${limits.timeoutMs / 1000} 秒仍未完成，请检查文件，或分成几个文件导入`)),
        ),
      limits.timeoutMs,
    );
    worker.once('message', (reply: WorkerReply) =>
      settle(() =>
        reply.ok ? resolve(reply.sheet) : reject(reply.field ? new InputError(reply.field, reply.message) : new Error(reply.message)),
      ),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new InputError('content', `读取文件所需内存超过 ${limits.heapMb} MB（正常的名单远小于此），请检查文件，或分成几个文件导入`)
            : error,
        ),
      ),
    );
    worker.once('exit', (code) => settle(() => reject(new Error(`读取文件的工作线程意外退出（${code}）`))));
  });
}
