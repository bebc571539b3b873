import type { ScoringEngineer, ScoringTicket } from "@/lib/scoring/types";

/** One solved L2 ticket and two L2 engineers: the ledger "why" tests (English and Russian) start from these. */
export const S = new Date("2025-11-23T10:00:00Z");
export const engineers = new Map<number, ScoringEngineer>([
  [1, { id: 1, lineCode: "L2", skillGroupIds: [10] }],
  [2, { id: 2, lineCode: "L2", skillGroupIds: [10] }],
]);
export const ticket = (over: Partial<ScoringTicket> = {}): ScoringTicket => ({
  id: 1, status: "solved", lineCode: "L2", skillGroupId: 30, solvedAt: S, isMerged: false, isDeleted: false, isSpam: false,
  solvedByAutomation: false, events: [{ at: S, from: "open", to: "solved" }], engineerIds: [1], rating: 5, ...over,
});
