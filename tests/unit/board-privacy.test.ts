import { test } from "node:test";
import assert from "node:assert/strict";
import { applyPrivacy } from "@/lib/ranking";
import { t, formatNumber } from "@/lib/i18n";
import { boardRange } from "@/lib/queries/board-period";

const board = Array.from({ length: 20 }, (_, i) => ({
  engineerId: i + 1,
  name: `Инженер ${i + 1}`,
  teamId: 1,
  teamName: "Альфа",
  isOwn: i === 14,
  rank: i + 1,
}));

test("full: everyone, named", () => {
  const v = applyPrivacy(board, "full");
  assert.equal(v.rows.length, 20);
  assert.ok(v.rows.every((r) => r.name !== null));
  assert.equal(v.own?.engineerId, 15);
});

test("top and me: ten rows plus the own row outside them", () => {
  const v = applyPrivacy(board, "top_and_me");
  assert.deepEqual(v.rows.map((r) => r.rank), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  assert.equal(v.own?.rank, 15);
  assert.equal(v.ownInRows, false);
});

test("neighbours: own ± 2 only, no top", () => {
  const v = applyPrivacy(board, "neighbours");
  assert.deepEqual(v.rows.map((r) => r.rank), [13, 14, 15, 16, 17]);
  assert.equal(v.ownInRows, true);
  // Near the top the window is cut, not shifted.
  const first = applyPrivacy(board.map((r) => ({ ...r, isOwn: r.rank === 1 })), "neighbours");
  assert.deepEqual(first.rows.map((r) => r.rank), [1, 2, 3]);
});

test("names hidden: below the top 10 no name, id or team, except the viewer's own", () => {
  const v = applyPrivacy(board, "names_hidden");
  assert.equal(v.rows.length, 20);
  for (const r of v.rows) {
    if (r.rank <= 10 || r.isOwn) assert.ok(r.name && r.engineerId);
    else assert.deepEqual([r.name, r.engineerId, r.teamId, r.teamName], [null, null, null, null]);
  }
});

test("i18n: Russian strings, placeholders and localised numbers", () => {
  assert.equal(t("ru", "board.title"), "Рейтинг бомбардиров");
  assert.equal(t("en", "board.total", { n: 3 }), "3 engineers on this board. Equal points share a rank.");
  assert.equal(t("xx", "nav.teams"), "Teams");
  assert.equal(formatNumber("ru", 1234.5), "1\u00a0234,5");
  assert.equal(formatNumber("en", 1234.5), "1,234.5");
});

test("custom board range: inclusive days, swapped when reversed, clamped to 366 days", () => {
  const now = new Date("2026-11-20T12:00:00Z");
  const r = boardRange("custom", now, "UTC", "2026-11-10", "2026-11-01");
  assert.equal(r.startDate, "2026-11-01");
  assert.equal(r.lastDate, "2026-11-10");
  assert.equal(r.end.toISOString(), "2026-11-11T00:00:00.000Z");
  const long = boardRange("custom", now, "UTC", "2020-01-01", "2026-01-01");
  assert.equal(long.lastDate, "2020-12-31");
  assert.equal(boardRange("year", now, "UTC").startDate, "2026-01-01");
});
