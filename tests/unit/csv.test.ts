import assert from "node:assert/strict";
import { test } from "node:test";
import { csvField, toCsv } from "@/lib/csv";

test("CSV quotes commas, quotes and line breaks, and defuses formulas", () => {
  assert.equal(csvField('Team "A", north'), '"Team ""A"", north"');
  assert.equal(csvField("two\nlines"), '"two\nlines"');
  assert.equal(csvField("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(csvField(-1.5), "-1.5");
  assert.equal(csvField(null), "");
  assert.equal(toCsv(["a", "b"], [[1, "Комета"]]), "a,b\r\n1,Комета\r\n");
});
