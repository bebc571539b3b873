/**
 * A streaming JSON reader for imports: a top-level array of objects (`[{…}, {…}]`) or JSON Lines
 * (one object per line). It only finds where each top-level object starts and ends (tracking
 * strings and nesting) and hands that slice to JSON.parse, so a huge file never sits in memory
 * whole. Pure; problems are worded in `locale`.
 */
import { t } from "@/lib/i18n";

export type JsonElement = { index: number; line: number; value: unknown } | { index: number; line: number; error: string };

export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JsonSyntaxError";
  }
}

const isSpace = (c: string) => c === " " || c === "\n" || c === "\r" || c === "\t" || c === "\ufeff";

export async function* parseJsonRecords(chunks: AsyncIterable<string>, locale = "en"): AsyncGenerator<JsonElement> {
  let mode: "unknown" | "array" | "lines" | "done" = "unknown";
  let depth = 0;
  let inString = false;
  let escaped = false;
  /** The element collected from earlier chunks; `start` marks where it begins in this chunk. */
  let carry = "";
  let index = 0;
  let line = 1;
  let startLine = 1;

  const emit = (text: string): JsonElement => {
    const at = { index: index++, line: startLine };
    try {
      return { ...at, value: JSON.parse(text) };
    } catch (e) {
      return { ...at, error: t(locale, "impRow.jsonInvalid", { detail: (e as Error).message }) };
    }
  };

  for await (const chunk of chunks) {
    let start = depth > 0 || inString ? 0 : -1;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (c === "\n") line++;
      if (inString) {
        if (escaped) escaped = false;
        else if (c === "\\") escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (depth === 0) {
        if (isSpace(c)) continue;
        if (mode === "done") throw new JsonSyntaxError(t(locale, "impRow.jsonAfterArray", { line }));
        if (mode === "unknown") {
          if (c === "[") {
            mode = "array";
            continue;
          }
          if (c !== "{") throw new JsonSyntaxError(t(locale, "impRow.jsonStart", { line }));
          mode = "lines";
        }
        if (c === ",") continue;
        if (mode === "array" && c === "]") {
          mode = "done";
          continue;
        }
        if (c !== "{") throw new JsonSyntaxError(t(locale, "impRow.jsonExpected", { line, found: JSON.stringify(c) }));
        start = i;
        startLine = line;
      }
      if (c === '"') inString = true;
      else if (c === "{" || c === "[") depth++;
      else if (c === "}" || c === "]") {
        depth--;
        if (depth === 0) {
          const text = carry + chunk.slice(start, i + 1);
          carry = "";
          start = -1;
          yield emit(text);
        }
      }
    }
    if (start >= 0) carry += chunk.slice(start);
  }
  if (inString || depth > 0) throw new JsonSyntaxError(t(locale, "impRow.jsonEndsInside", { line: startLine }));
  if (mode === "array") throw new JsonSyntaxError(t(locale, "impRow.jsonEndsArray"));
}
