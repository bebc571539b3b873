import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { parseHistory } from "@/lib/sync/scoring-range";

describe("parseHistory", () => {
  test("reads seq, time, from, to and the public-reply flag, and puts events back in seq order", () => {
    const inOrder = parseHistory("3,1772323200000,open,solved,1;4,1772326800000,solved,open,0");
    assert.deepEqual(inOrder, [
      { at: new Date(1772323200000), from: "open", to: "solved", publicAgentReply: true },
      { at: new Date(1772326800000), from: "solved", to: "open", publicAgentReply: false },
    ]);
    assert.deepEqual(parseHistory("4,1772326800000,solved,open,0;3,1772323200000,open,solved,1"), inOrder);
    assert.deepEqual(parseHistory("1,1772323200000,,new,0"), [{ at: new Date(1772323200000), from: null, to: "new", publicAgentReply: false }]);
  });
});
