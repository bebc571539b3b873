import "server-only";
import type { Db } from "@/db/client";
import type { Viewer } from "@/lib/auth/policy";
import { getSuggestion, type SuggestionView } from "@/lib/challenges/queries";
import type { Metric } from "@/lib/challenges/types";

const SUGGESTED: Metric[] = ["avg_csat", "five_star_count", "points", "reopen_rate_max", "median_resolution_max"];

/** Suggested targets with their history for every metric, for one team (null = all teams). */
export async function suggestionsFor(db: Db, viewer: Viewer, teamId: number | null): Promise<Partial<Record<Metric, SuggestionView>>> {
  const entries = await Promise.all(SUGGESTED.map(async (m) => [m, await getSuggestion(db, viewer, { teamId, metric: m })] as const));
  return Object.fromEntries(entries);
}
