/**
 * A streaming CSV reader (RFC 4180: comma separated, double-quoted fields may hold commas,
 * quotes doubled, and line breaks; CRLF or LF). Text arrives in chunks of any size; records come
 * out as soon as they are complete, so memory stays flat whatever the file's size. Pure; syntax
 * errors are worded in `locale`.
 */
import { t } from "@/lib/i18n";

export type CsvRecord = { line: number; fields: string[] };

export class CsvSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

export async function* parseCsv(chunks: AsyncIterable<string>, locale = "en"): AsyncGenerator<CsvRecord> {
  let field = "";
  let fields: string[] = [];
  let inQuotes = false;
  /** After a closing quote: only a separator, a line end or another quote may follow. */
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let pendingCr = false;
  let first = true;

  const endRecord = (): CsvRecord | null => {
    fields.push(field);
    const r = { line: recordLine, fields };
    field = "";
    fields = [];
    afterQuote = false;
    // A blank line is no record.
    return r.fields.length === 1 && r.fields[0] === "" ? null : r;
  };

  for await (let chunk of chunks) {
    if (first) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1); // spreadsheet byte-order mark
      first = chunk === "";
    }
    let i = 0;
    const n = chunk.length;
    while (i < n) {
      if (inQuotes) {
        const q = chunk.indexOf('"', i);
        if (q < 0) {
          const part = chunk.slice(i);
          line += countNewlines(part);
          field += part;
          i = n;
          break;
        }
        const part = chunk.slice(i, q);
        line += countNewlines(part);
        field += part;
        i = q + 1;
        inQuotes = false;
        afterQuote = true;
        continue;
      }
      const c = chunk[i]!;
      if (pendingCr) {
        pendingCr = false;
        if (c === "\n") {
          i++;
          continue;
        }
      }
      if (c === '"') {
        if (afterQuote) {
          field += '"'; // "" inside quotes
          inQuotes = true;
          afterQuote = false;
        } else if (field === "") {
          inQuotes = true;
        } else {
          throw new CsvSyntaxError(t(locale, "impRow.csvQuoteInside", { line }));
        }
        i++;
      } else if (c === ",") {
        fields.push(field);
        field = "";
        afterQuote = false;
        i++;
      } else if (c === "\n" || c === "\r") {
        const r = endRecord();
        if (r) yield r;
        if (c === "\r") pendingCr = true;
        line++;
        recordLine = line;
        i++;
      } else {
        if (afterQuote) throw new CsvSyntaxError(t(locale, "impRow.csvAfterQuote", { line }));
        // Copy the run of plain characters at once.
        let j = i + 1;
        while (j < n) {
          const d = chunk.charCodeAt(j);
          if (d === 44 || d === 10 || d === 13 || d === 34) break;
          j++;
        }
        field += chunk.slice(i, j);
        i = j;
      }
    }
  }
  if (inQuotes) throw new CsvSyntaxError(t(locale, "impRow.csvUnclosed", { line: recordLine }));
  if (field !== "" || fields.length > 0 || afterQuote) {
    const r = endRecord();
    if (r) yield r;
  }
}

function countNewlines(s: string): number {
  let k = 0;
  for (let i = s.indexOf("\n"); i >= 0; i = s.indexOf("\n", i + 1)) k++;
  return k;
}
