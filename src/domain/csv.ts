/**
 * CSV for report exports: RFC 4180 (CRLF line ends; a field holding a comma, quote, CR or LF is
 * quoted, quotes doubled) and safe to open in a spreadsheet: a text cell starting with = + - @
 * (or tab / CR, which some spreadsheets strip before evaluating) gets a leading apostrophe so it is
 * shown as text instead of run as a formula (OWASP "CSV injection"). Numbers are written as-is.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
