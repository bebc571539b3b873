import { test } from "node:test";
import assert from "node:assert/strict";
import { afterNumberedPage, afterTokenPage, encodeSince, startFrom } from "@/lib/connectors/shared/since-cursor";
import { formatWallTime, parseWallTime } from "@/lib/connectors/shared/wall-time";

const d = (s: string) => new Date(s);
const BACKFILL = d("2025-01-01T00:00:00.000Z");

test("no cursor: the stream starts at the backfill start, page 1", () => {
  assert.deepEqual(startFrom(null, BACKFILL, 300_000), { since: BACKFILL.toISOString(), page: 1 });
});

test("a full page moves `since` to its newest change; a page that all shares one time moves to the next page number", () => {
  const cur = startFrom(null, BACKFILL, 0);
  const moved = afterNumberedPage(cur, [d("2025-01-02T00:00:00Z"), d("2025-01-03T00:00:00Z")], true);
  assert.deepEqual(moved, { next: { since: "2025-01-03T00:00:00.000Z", page: 1 }, hasMore: true });
  const stuck = afterNumberedPage(moved.next, [d("2025-01-03T00:00:00Z"), d("2025-01-03T00:00:00Z")], true);
  assert.deepEqual(stuck, { next: { since: "2025-01-03T00:00:00.000Z", page: 2 }, hasMore: true });
});

test("the last page rests the cursor on the newest change; the next run starts `overlap` before it", () => {
  const end = afterNumberedPage({ since: "2025-01-03T00:00:00.000Z", page: 1 }, [d("2025-01-04T10:00:00Z")], false);
  assert.deepEqual(end, { next: { since: "2025-01-04T10:00:00.000Z", page: 1, rest: true }, hasMore: false });
  assert.deepEqual(startFrom(encodeSince(end.next), BACKFILL, 5 * 60_000), { since: "2025-01-04T09:55:00.000Z", page: 1 });
  // An empty last page keeps where it was.
  assert.equal(afterNumberedPage({ since: "2025-01-03T00:00:00.000Z", page: 3 }, [], false).next.since, "2025-01-03T00:00:00.000Z");
});

test("token paging keeps `since` and the newest change seen until the last page", () => {
  const cur = { since: "2025-01-01T00:00:00.000Z", page: 1 };
  const p1 = afterTokenPage(cur, [d("2025-01-05T00:00:00Z")], "tok-2");
  assert.deepEqual(p1, { next: { since: cur.since, page: 1, token: "tok-2", maxSeen: "2025-01-05T00:00:00.000Z" }, hasMore: true });
  const p2 = afterTokenPage(p1.next, [d("2025-01-02T00:00:00Z")], null);
  assert.deepEqual(p2, { next: { since: "2025-01-05T00:00:00.000Z", page: 1, rest: true }, hasMore: false });
});

test("a cursor this code did not write is refused with a way out", () => {
  assert.throws(() => startFrom("12345", BACKFILL, 0), /reset the connection's cursor/);
});

test("wall time in a zone: round trip in summer time, UTC, and text that is not a date", () => {
  const at = d("2025-07-01T10:00:00Z");
  assert.equal(formatWallTime(at, "Europe/Berlin"), "2025-07-01 12:00:00");
  assert.equal(parseWallTime("2025-07-01 12:00:00", "Europe/Berlin")?.toISOString(), at.toISOString());
  assert.equal(parseWallTime("2025-01-15 08:30:00", "UTC")?.toISOString(), "2025-01-15T08:30:00.000Z");
  assert.equal(parseWallTime("yesterday", "UTC"), null);
});
