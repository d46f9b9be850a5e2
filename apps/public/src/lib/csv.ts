// CSV as RFC 4180 describes it, written so that Excel opens Chinese text correctly:
// UTF-8 with a byte-order mark, CRLF line ends, a field quoted when it holds a comma, a double
// quote, CR or LF (or starts or ends with a space, which some readers trim), quotes doubled.

export type CsvValue = string | number | boolean | null | undefined;

const BOM = '\uFEFF';
const CRLF = '\r\n';

/**
 * One field: null and undefined become an empty field, booleans true/false. Text that a spreadsheet
 * would run as a formula (=, +, -, @, a tab or CR first: '=HYPERLINK(…)' in a zone's name) is kept as
 * text with a leading apostrophe, as OWASP advises for CSV injection; numbers are written as they are.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const s = typeof value === 'string' ? (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) : String(value);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function csvRow(values: readonly CsvValue[]): string {
  return values.map(csvField).join(',');
}

/** A whole file: BOM, header row, one row per record, each line ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  let out = BOM + csvRow(header) + CRLF;
  for (const row of rows) out += csvRow(row) + CRLF;
  return out;
}
