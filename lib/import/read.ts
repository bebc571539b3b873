import { COLUMNS, unknownColumns, type ImportStream } from "./columns";
import { parseCsv } from "./csv";
import { parseJsonRecords } from "./json";

/**
 * Rows of an uploaded file, one at a time: CSV (header row + records) or JSON (array or lines),
 * each with the label a person finds it by ("row 12" is the spreadsheet's row 12; "record 3"
 * the third JSON object). Throws FileProblem for what makes the whole file unreadable.
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

export async function* decodeUtf8(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  try {
    for await (const b of bytes) {
      const s = decoder.decode(b, { stream: true });
      if (s) yield s;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof TypeError) throw new FileProblem("the file is not UTF-8 text; save it as CSV UTF-8 or JSON");
    throw e;
  }
}

/** The format from the file name, else from its first character. */
export function guessFormat(fileName: string, head: string): ImportFormat {
  if (/\.csv$/i.test(fileName)) return "csv";
  if (/\.(json|jsonl|ndjson)$/i.test(fileName)) return "json";
  return /^\s*[[{]/.test(head.replace(/^\ufeff/, "")) ? "json" : "csv";
}

export async function* readRows(stream: ImportStream, format: ImportFormat, text: AsyncIterable<string>): AsyncGenerator<FileRow> {
  try {
    if (format === "csv") yield* csvRows(stream, text);
    else yield* jsonRows(stream, text);
  } catch (e) {
    if (e instanceof Error && (e.name === "CsvSyntaxError" || e.name === "JsonSyntaxError")) throw new FileProblem(e.message);
    throw e;
  }
}

async function* csvRows(stream: ImportStream, text: AsyncIterable<string>): AsyncGenerator<FileRow> {
  let header: string[] | null = null;
  for await (const r of parseCsv(text)) {
    if (!header) {
      header = r.fields.map((h) => h.trim().toLowerCase());
      const unknown = unknownColumns(stream, header);
      if (unknown.length) throw new FileProblem(`the header names unknown columns: ${unknown.join(", ")} (the ${stream} columns are ${COLUMNS[stream].join(", ")})`);
      const dup = header.find((h, i) => header!.indexOf(h) !== i);
      if (dup) throw new FileProblem(`the header names the column ${dup} twice`);
      const missing = REQUIRED[stream].filter((c) => !header!.includes(c));
      if (missing.length) throw new FileProblem(`the header has no ${missing.join(", ")} column${missing.length > 1 ? "s" : ""} (required for ${stream})`);
      continue;
    }
    const label = `row ${r.line}`;
    if (r.fields.length !== header.length) {
      yield { label, error: `has ${r.fields.length} fields but the header has ${header.length} columns` };
      continue;
    }
    const record: Record<string, unknown> = {};
    for (let i = 0; i < header.length; i++) record[header[i]!] = r.fields[i];
    yield { label, record };
  }
  if (!header) throw new FileProblem("the file is empty: it needs a header row naming the columns");
}

async function* jsonRows(stream: ImportStream, text: AsyncIterable<string>): AsyncGenerator<FileRow> {
  for await (const el of parseJsonRecords(text)) {
    const label = `record ${el.index + 1} (line ${el.line})`;
    if ("error" in el) {
      yield { label, error: el.error };
      continue;
    }
    yield* checkObject(stream, label, el.value);
  }
}

/** A JSON object as a row: unknown keys are named, as a typo would silently lose data. */
export function* checkObject(stream: ImportStream, label: string, value: unknown): Generator<FileRow> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    yield { label, error: "is not an object with named fields" };
    return;
  }
  const unknown = unknownColumns(stream, Object.keys(value));
  if (unknown.length) yield { label, error: `has unknown field${unknown.length > 1 ? "s" : ""} ${unknown.join(", ")}` };
  else yield { label, record: value as Record<string, unknown> };
}

export const REQUIRED: Record<ImportStream, string[]> = {
  tickets: ["external_id", "status", "created_at"],
  ratings: ["external_id", "ticket_external_id", "score", "rated_at"],
};
