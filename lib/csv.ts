/**
 * CSV (RFC 4180): fields with a comma, quote, CR or LF are quoted and quotes doubled; lines end
 * with CRLF. A leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it as a formula.
 */
export function csvField(v: unknown): string {
  if (v === null || v === undefined) return "";
  let s = v instanceof Date ? v.toISOString() : String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
