import { test } from "node:test";
import assert from "node:assert/strict";
import { parseDate, validateRecord } from "@/lib/import/columns";
import { parseCsv } from "@/lib/import/csv";
import { parseJsonRecords } from "@/lib/import/json";
import { readRows, type FileRow } from "@/lib/import/read";
import { checkRows } from "@/lib/import/apply";
import { localeFromAcceptLanguage } from "@/lib/i18n";
import { normalizeRating } from "@/lib/scoring/normalize-rating";

/** Text cut into chunks of `size` characters: the parsers must not care where a chunk ends. */
async function* inChunks(text: string, size: number) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

test("CSV: quotes, doubled quotes, commas and line breaks inside fields, CRLF, BOM; any chunk size", async () => {
  const text = '\ufeffa,b,c\r\n1,"x, y","say ""hi"""\r\n2,"two\nlines",\n\n3,,last';
  for (const size of [1, 2, 3, 7, 1000]) {
    const recs = await all(parseCsv(inChunks(text, size)));
    assert.deepEqual(
      recs.map((r) => r.fields),
      [["a", "b", "c"], ["1", "x, y", 'say "hi"'], ["2", "two\nlines", ""], ["3", "", "last"]],
      `chunk size ${size}`,
    );
    assert.deepEqual(recs.map((r) => r.line), [1, 2, 3, 6]);
  }
});

test("CSV: an unclosed quote or a stray quote is a file problem with its line", async () => {
  await assert.rejects(all(parseCsv(inChunks('a\n"open', 3))), /line 2: a quoted field is never closed/);
  await assert.rejects(all(parseCsv(inChunks('a\nab"c', 3))), /line 2: a quote in the middle/);
});

test("JSON: an array or one object per line, nested values and braces in strings; any chunk size", async () => {
  const arr = '[{"a":1,"b":"}{"},\n {"a":2,"c":[1,{"d":"\\"]"}]}]';
  const lines = '{"a":1}\n{"a":2}\n';
  for (const size of [1, 5, 1000]) {
    const a = await all(parseJsonRecords(inChunks(arr, size)));
    assert.deepEqual(a.map((e) => ("value" in e ? e.value : e.error)), [{ a: 1, b: "}{" }, { a: 2, c: [1, { d: '"]' }] }]);
    assert.deepEqual(a.map((e) => e.line), [1, 2]);
    const l = await all(parseJsonRecords(inChunks(lines, size)));
    assert.deepEqual(l.map((e) => ("value" in e ? e.value : null)), [{ a: 1 }, { a: 2 }]);
  }
  await assert.rejects(all(parseJsonRecords(inChunks('[{"a":1}', 4))), /before the closing \]/);
  await assert.rejects(all(parseJsonRecords(inChunks("[1,2]", 4))), /expected an object/);
  const bad = await all(parseJsonRecords(inChunks('[{"a":1,}]', 4)));
  assert.match("error" in bad[0]! ? bad[0].error : "", /is not valid JSON/);
});

test("dates: ISO 8601 only, date alone is UTC midnight, no zone is UTC", () => {
  assert.equal(parseDate("2025-03-01")?.toISOString(), "2025-03-01T00:00:00.000Z");
  assert.equal(parseDate("2025-03-01T10:30")?.toISOString(), "2025-03-01T10:30:00.000Z");
  assert.equal(parseDate("2025-03-01 10:30:05+02:00")?.toISOString(), "2025-03-01T08:30:05.000Z");
  assert.equal(parseDate("yesterday"), null);
  assert.equal(parseDate("01/03/2025"), null);
  assert.equal(parseDate("2025-13-40"), null);
});

test("ticket rows: plain-words reasons for each kind of mistake", () => {
  const ok = { external_id: "T-1", status: "solved", created_at: "2025-03-01T09:00:00Z", solved_at: "2025-03-01T10:00:00Z", assignee: "ann@example.com" };
  const reason = (row: Record<string, unknown>) => {
    const v = validateRecord("tickets", row);
    return v.ok ? "ok" : v.reason;
  };
  assert.equal(reason(ok), "ok");
  assert.equal(reason({ ...ok, solved_at: "yesterday" }), "solved_at 'yesterday' is not a date (use ISO 8601, e.g. 2025-03-01T14:30:00Z)");
  assert.equal(reason({ ...ok, status: "done" }), "status 'done' is not one of new, open, pending, solved, closed, deleted");
  assert.equal(reason({ ...ok, external_id: "" }), "external_id is missing");
  assert.equal(reason({ ...ok, solved_at: "" }), "status is solved but solved_at is missing");
  assert.equal(reason({ ...ok, solved_at: "2025-02-01" }), "solved_at is before created_at");
  assert.equal(reason({ ...ok, history: "solved@2025-03-01T10:00Z;open@soon" }), "history time 'soon' is not a date (use ISO 8601, e.g. 2025-03-01T14:30:00Z)");
  assert.equal(reason({ ...ok, history: "solved@2025-03-02T10:00Z;open@2025-03-01T11:00Z" }), "history changes must be in time order (change 2 is earlier than change 1)");
});

test("a ticket row becomes the sync's SourceTicket: history → events with reopens, solver defaults to the assignee", () => {
  const v = validateRecord("tickets", {
    external_id: "T-7",
    status: "solved",
    group: "Billing",
    assignee: "ann@example.com",
    created_at: "2025-03-01T09:00:00Z",
    history: "solved@2025-03-01T10:00:00Z; open@2025-03-02T08:00:00Z; solved@2025-03-02T09:00:00Z",
  });
  assert.ok(v.ok && v.record.kind === "tickets");
  const t = v.record.value;
  assert.equal(t.solverExternalId, "ann@example.com");
  assert.equal(t.solvedAt?.toISOString(), "2025-03-01T10:00:00.000Z");
  assert.equal(t.updatedAt.toISOString(), "2025-03-02T09:00:00.000Z");
  assert.deepEqual(t.events.map((e) => `${e.from}>${e.to}`), ["null>new", "new>solved", "solved>open", "open>solved"]);
  assert.deepEqual(t.contributors.map((c) => c.agentExternalId), ["ann@example.com"]);
});

test("rating rows: scales, defaults and reasons", () => {
  const ok = { external_id: "R-1", ticket_external_id: "T-1", score: "4", rated_at: "2025-03-02" };
  const v = validateRecord("ratings", ok);
  assert.ok(v.ok && v.record.kind === "ratings");
  assert.equal(v.record.value.score, 4);
  assert.equal(v.record.value.scale, "one_to_five");
  const r = validateRecord("ratings", { ...ok, score: "7" });
  assert.equal(!r.ok && r.reason, "score: The rating value 7 is outside the 1–5 scale.");
  const g = validateRecord("ratings", { ...ok, scale: "good_bad", score: "good" });
  assert.ok(g.ok && g.record.kind === "ratings" && g.record.value.score === 5);
  const s = validateRecord("ratings", { ...ok, scale: "stars" });
  assert.match(!s.ok ? s.reason : "", /^scale 'stars' is not one of good_bad, one_to_five/);
});

test("file rows: header checks, wrong field counts and unknown JSON fields are named", async () => {
  const rows = (text: string, format: "csv" | "json") => all<FileRow>(readRows("tickets", format, inChunks(text, 5)));
  await assert.rejects(rows("external_id,status,creatd_at\n", "csv"), /unknown columns: creatd_at/);
  await assert.rejects(rows("external_id,status\n", "csv"), /no created_at column/);
  const r = await rows("external_id,status,created_at\nT-1,open,2025-03-01\nT-2,open\n", "csv");
  assert.deepEqual(r.map((x) => x.label), ["row 2", "row 3"]);
  assert.equal("error" in r[1]! && r[1].error, "has 2 fields but the header has 3 columns");
  const j = await rows('[{"external_id":"T-1","stauts":"open"}]', "json");
  assert.equal("error" in j[0]! && j[0].error, "has unknown field stauts");
  assert.equal(j[0]!.label, "record 1 (line 1)");
});

test("in Russian: row labels, each kind of row problem and file problems; column names and values as written", async () => {
  const ok = { external_id: "T-1", status: "solved", created_at: "2025-03-01T09:00:00Z", solved_at: "2025-03-01T10:00:00Z" };
  const reason = (stream: "tickets" | "ratings", row: unknown) => {
    const v = validateRecord(stream, row, "ru");
    return v.ok ? "ok" : v.reason;
  };
  assert.equal(reason("tickets", { ...ok, solved_at: "вчера" }), "solved_at 'вчера': не дата (нужен ISO 8601, например 2025-03-01T14:30:00Z)");
  assert.equal(reason("tickets", { ...ok, external_id: "", status: "done" }), "external_id: не заполнено; status 'done': не одно из значений new, open, pending, solved, closed, deleted");
  assert.equal(reason("tickets", { ...ok, solved_at: "" }), "status — solved, но solved_at не заполнено");
  assert.equal(reason("tickets", { ...ok, history: "solved@2025-03-02T10:00Z;open@2025-03-01T11:00Z" }), "изменения в history должны идти по времени (изменение 2 раньше изменения 1)");
  assert.equal(reason("tickets", { ...ok, subject: "x".repeat(1001) }), "subject: длиннее 1000 символов");
  const rating = { external_id: "R-1", ticket_external_id: "T-1", score: "7", rated_at: "2025-03-02" };
  assert.equal(reason("ratings", rating), "score: Оценка 7 вне шкалы 1–5.");
  assert.equal(reason("ratings", { ...rating, scale: "good_bad", score: "meh" }), "score: Оценка «meh» — ни «good», ни «bad».");
  assert.equal(reason("ratings", { ...rating, scale_max: "1.5" }), "scale_max: нужно целое число");
  assert.equal(reason("tickets", [1]), "не объект с именованными полями");
  // English is as it always was, for the sync's import connector and the push API.
  assert.throws(() => normalizeRating("good_bad", "meh"), { message: 'The rating value "meh" is neither "good" nor "bad".' });

  async function* text(s: string) {
    yield s;
  }
  const check = (s: string, format: "csv" | "json") => checkRows("tickets", readRows("tickets", format, text(s), "ru"), "ru");
  const csv = await check("external_id,status,created_at\nT-1,open,2025-03-01\nT-2,open\n", "csv");
  assert.deepEqual(csv.errors, [{ row: "строка 3", message: "строка 3: полей: 2, а столбцов в заголовке: 3" }]);
  const json = await check('[{"external_id":"T-1","stauts":"open","creatd":1}]', "json");
  assert.deepEqual(json.errors.map((e) => e.message), ["запись 1 (строка 1): неизвестные поля stauts, creatd"]);
  assert.equal((await check("external_id,status\n", "csv")).fileError, "Не удалось прочитать файл: в заголовке нет столбца created_at (он нужен для tickets).");
  assert.equal((await check('a\n"open', "csv")).fileError, "Не удалось прочитать файл: в заголовке неизвестные столбцы: a (столбцы для tickets: external_id, subject, status, group, assignee, solver, contributors, priority, type, created_at, updated_at, solved_at, history).");
  assert.equal((await check('external_id,status,created_at\n"T-1,open', "csv")).fileError, "Не удалось прочитать файл: строка 2: поле в кавычках не закрыто.");
  assert.equal((await check("[1]", "json")).fileError, "Не удалось прочитать файл: строка 1: ожидался объект ({…}), а найдено \"1\".");
  assert.equal((await check("", "csv")).fileError, "Не удалось прочитать файл: файл пуст: нужна строка заголовка с названиями столбцов.");
});

test("the push API's language from Accept-Language: the supported one weighed highest, else English", () => {
  assert.equal(localeFromAcceptLanguage("ru-RU,ru;q=0.9,en-US;q=0.8"), "ru");
  assert.equal(localeFromAcceptLanguage("de-DE, ru;q=0.5, en;q=0.4"), "ru");
  assert.equal(localeFromAcceptLanguage("en, ru;q=0.9"), "en");
  assert.equal(localeFromAcceptLanguage("ru;q=0, en;q=0.1"), "en");
  assert.equal(localeFromAcceptLanguage("*"), "en");
  assert.equal(localeFromAcceptLanguage(null), "en");
});
