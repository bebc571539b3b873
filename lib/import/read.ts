import { t, template } from "@/lib/i18n";
import { COLUMNS, unknownColumns, type ImportStream } from "./columns";
import { parseCsv } from "./csv";
import { parseJsonRecords } from "./json";

/**
 * Rows of an uploaded file, one at a time: CSV (header row + records) or JSON (array or lines),
 * each with the label a person finds it by ("row 12" is the spreadsheet's row 12; "record 3"
 * the third JSON object). Throws FileProblem for what makes the whole file unreadable. Labels and
 * problems are worded in `locale` (the admin's on the dry run page).
 */

export const IMPORT_FORMATS = ["csv", "json"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export type FileRow = { label: string; record: Record<string, unknown> } | { label: string; error: string };

export class FileProblem extends Error {
  constructor(message: string) {
    super(message);
    this.name = "FileProblem";
  }
}

export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array>, locale = "en"): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const b of bytes) {
      const s = decoder.decode(b, { stream: true });
      if (s) yield s;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof TypeError) throw new FileProblem(t(locale, "impRow.notUtf8"));
    throw e;
  }
}

/** The format from the file name, else from its first character. */
export function guessFormat(fileName: string, head: string): ImportFormat {
  if (/\.csv$/i.test(fileName)) return "csv";
  if (/\.(json|jsonl|ndjson)$/i.test(fileName)) return "json";
  return /^\s*[[{]/.test(head.replace(/^\ufeff/, "")) ? "json" : "csv";
}

export async function* readRows(stream: ImportStream, format: ImportFormat, text: AsyncIterable<string>, locale = "en"): AsyncGenerator<FileRow> {
  try {
    if (format === "csv") yield* csvRows(stream, text, locale);
    else yield* jsonRows(stream, text, locale);
  } catch (e) {
    if (e instanceof Error && (e.name === "CsvSyntaxError" || e.name === "JsonSyntaxError")) throw new FileProblem(e.message);
    throw e;
  }
}

async function* csvRows(stream: ImportStream, text: AsyncIterable<string>, L: string): AsyncGenerator<FileRow> {
  let header: string[] | null = null;
  const rowLabel = template(L, "impRow.row");
  for await (const r of parseCsv(text, L)) {
    if (!header) {
      header = r.fields.map((h) => h.trim().toLowerCase());
      const unknown = unknownColumns(stream, header);
      if (unknown.length) throw new FileProblem(t(L, "impRow.unknownColumns", { unknown: unknown.join(", "), stream, list: COLUMNS[stream].join(", ") }));
      const dup = header.find((h, i) => header!.indexOf(h) !== i);
      if (dup) throw new FileProblem(t(L, "impRow.duplicateColumn", { column: dup }));
      const missing = REQUIRED[stream].filter((c) => !header!.includes(c));
      if (missing.length) throw new FileProblem(t(L, missing.length > 1 ? "impRow.missingColumns" : "impRow.missingColumn", { columns: missing.join(", "), stream }));
      continue;
    }
    const label = rowLabel({ n: r.line });
    if (r.fields.length !== header.length) {
      yield { label, error: t(L, "impRow.fieldCount", { n: r.fields.length, columns: header.length }) };
      continue;
    }
    const record: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = r.fields[i];
    yield { label, record };
  }
  if (!header) throw new FileProblem(t(L, "impRow.emptyFile"));
}

async function* jsonRows(stream: ImportStream, text: AsyncIterable<string>, L: string): AsyncGenerator<FileRow> {
  const recordLabel = template(L, "impRow.recordLine");
  for await (const el of parseJsonRecords(text, L)) {
    const label = recordLabel({ n: el.index + 1, line: el.line });
    if ("error" in el) {
      yield { label, error: el.error };
      continue;
    }
    yield* checkObject(stream, label, el.value, L);
  }
}

/** A JSON object as a row: unknown keys are named, as a typo would silently lose data. */
export function* checkObject(stream: ImportStream, label: string, value: unknown, locale = "en"): Generator<FileRow> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    yield { label, error: t(locale, "impRow.notObject") };
    return;
  }
  const unknown = unknownColumns(stream, Object.keys(value));
  if (unknown.length) yield { label, error: t(locale, unknown.length > 1 ? "impRow.unknownFields" : "impRow.unknownField", { list: unknown.join(", ") }) };
  else yield { label, record: value as Record<string, unknown> };
}

export const REQUIRED: Record<ImportStream, string[]> = {
  tickets: ["external_id", "status", "created_at"],
  ratings: ["external_id", "ticket_external_id", "score", "rated_at"],
};
