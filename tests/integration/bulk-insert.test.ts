import { test } from "node:test";
import assert from "node:assert/strict";
import { connections, tickets } from "@/db/schema";
import { bulkInsert } from "@/lib/sync/bulk";
import { TEST_DB_KINDS, openTestDb } from "../helpers/db";

/**
 * bulkInsert sends each column as one array literal: every value must come back as it went in,
 * whatever characters it holds (quotes, backslashes, braces, commas, "NULL", empty, non-ASCII),
 * with NULLs, array columns (text[]) and JSON columns.
 */

const awkward = ['plain', 'a "quoted" word', "back\\slash \\\" both", "{braces},[brackets]", "NULL", "", "  spaced  ", "line\nbreak\ttab", "ünïcødé … 漢字 🎉"];

for (const kind of TEST_DB_KINDS) {
  test(`${kind}: bulkInsert stores awkward values exactly`, async () => {
    const h = await openTestDb(kind);
    try {
      const [c] = await h.db.insert(connections).values({ kind: "demo", name: "bulk", settings: {} }).returning({ id: connections.id });
      const at = new Date("2026-03-04T05:06:07.089Z");
      const rows = awkward.map((text, i) => ({
        connectionId: c!.id,
        externalId: `x${i}`,
        subject: text,
        status: "solved" as const,
        rawStatus: text,
        groupExternalId: i % 2 ? null : text,
        priority: null,
        createdAtSource: at,
        updatedAtSource: new Date(at.getTime() + i),
        solvedAt: i % 3 ? null : at,
        reopenCount: i,
        isMerged: i % 2 === 0,
        tags: i === 0 ? [] : [text, "x,y", 'q"t', "NULL"],
        customFields: { [text || "k"]: text, nested: { list: [1, null, text] } },
      }));
      const back = await bulkInsert(h.db, tickets, rows, { returning: ["externalId"] });
      assert.equal(back.length, rows.length);
      const stored = await h.db.select().from(tickets);
      const byExt = new Map(stored.map((t) => [t.externalId, t]));
      for (const r of rows) {
        const t = byExt.get(r.externalId)!;
        assert.deepEqual(
          { subject: t.subject, rawStatus: t.rawStatus, groupExternalId: t.groupExternalId, priority: t.priority, createdAtSource: t.createdAtSource, updatedAtSource: t.updatedAtSource, solvedAt: t.solvedAt, reopenCount: t.reopenCount, isMerged: t.isMerged, tags: t.tags, customFields: t.customFields },
          { subject: r.subject, rawStatus: r.rawStatus, groupExternalId: r.groupExternalId, priority: r.priority, createdAtSource: r.createdAtSource, updatedAtSource: r.updatedAtSource, solvedAt: r.solvedAt, reopenCount: r.reopenCount, isMerged: r.isMerged, tags: r.tags, customFields: r.customFields },
        );
      }
    } finally {
      await h.close();
    }
  });
}
