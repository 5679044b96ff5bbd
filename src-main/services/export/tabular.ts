/** One exported row: column → a decimal string, an id, a time, a number, a flag or nothing. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

// A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK(…), +cmd|…),
// so such a text cell gets a leading apostrophe: shown as text, never evaluated.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell a spreadsheet will not evaluate. Numbers and flags are written as they are. */
export function guardCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value !== 'string') return String(value);
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and its quotes doubled. */
export function quoteField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * CSV with a header row, CRLF line ends (RFC 4180) and a UTF-8 byte order mark, so a spreadsheet
 * reads accents and non-Latin names right. Amounts are the decimal strings OMS sent: a text cell
 * starting with `-` is guarded like any other, which keeps a negative amount's digits exact.
 */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const line = (cells: string[]) => cells.map(quoteField).join(',');
  const out = [line([...columns])];
  for (const r of rows) out.push(line(columns.map((c) => guardCell(r[c] ?? null))));
  return `\uFEFF${out.join('\r\n')}\r\n`;
}

/** JSON: what was exported, when, with which filters, and the same rows as the CSV (values as they are). */
export function toJson(meta: Record<string, unknown>, rows: readonly Row[]): string {
  return `${JSON.stringify({ ...meta, rows }, null, 2)}\n`;
}
