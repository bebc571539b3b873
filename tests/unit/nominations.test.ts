import { test } from "node:test";
import assert from "node:assert/strict";
import { pickWinner } from "@/lib/nominations/metrics";
import { EMPTY_TOTALS } from "@/lib/rollups/read";

const eng = (engineerId: number, t: Partial<typeof EMPTY_TOTALS>) => ({ engineerId, ...EMPTY_TOTALS, ...t });

test("trouble-shooter: most L2/L3 points; minimum sample excludes the lucky one", () => {
  const c = [eng(1, { hardPoints: 40, tickets: 20 }), eng(2, { hardPoints: 90, tickets: 2 }), eng(3, { hardPoints: 55, tickets: 12 })];
  assert.deepEqual(pickWinner(c, "trouble_shooter", 5), { engineerId: 3, value: 55 });
  assert.deepEqual(pickWinner(c, "trouble_shooter", 0), { engineerId: 2, value: 90 });
});

test("speed: the lowest mean resolution wins, among those with enough resolved tickets", () => {
  const c = [eng(1, { resolutionSeconds: 36_000, resolved: 10 }), eng(2, { resolutionSeconds: 7_200, resolved: 4 }), eng(3, { resolutionSeconds: 0, resolved: 0 })];
  assert.deepEqual(pickWinner(c, "speed", 5), { engineerId: 1, value: 1 });
  assert.deepEqual(pickWinner(c, "speed", 1), { engineerId: 2, value: 0.5 });
});

test("nobody is nominated for nothing; ties go to the larger sample", () => {
  assert.equal(pickWinner([eng(1, { tickets: 9 })], "helper", 0), null);
  const c = [eng(4, { fiveStarComments: 3, ratings: 5 }), eng(2, { fiveStarComments: 3, ratings: 9 })];
  assert.equal(pickWinner(c, "customer_focus", 0)!.engineerId, 2);
});
