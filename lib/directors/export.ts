import { z } from "zod";
import type { Db } from "@/db/client";
import type { Viewer } from "@/lib/auth/policy";
import { toCsv } from "@/lib/csv";
import { getDirectorsView, getTeamDrilldown, QUARTER_RE, type QualityRow } from "./queries";

/** CSV of every table of the directors' view. Authorization is in the queries it calls. */

export const ExportArgsSchema = z.object({
  table: z.enum(["teams", "comparison", "trend", "engineers", "team-trend"], { error: "Unknown table." }),
  quarter: z.string().regex(QUARTER_RE, "The quarter is written 2026-Q3.").optional(),
  teamId: z.coerce.number().int().positive().optional(),
});

const QUALITY_HEADER = ["ratings", "average_csat", "five_star_share", "solved", "reopen_rate", "median_resolution_hours", "rating_response_rate"];
const quality = (r: QualityRow) => [r.ratings, r.average, r.fiveStarShare, r.solved, r.reopenRate, r.medianResolutionHours, r.responseRate];

export async function exportCsv(db: Db, viewer: Viewer | null, raw: unknown): Promise<{ filename: string; csv: string }> {
  const a = ExportArgsSchema.parse(raw);
  if (a.table === "engineers" || a.table === "team-trend") {
    if (!a.teamId) throw new z.ZodError([{ code: "custom", path: ["teamId"], message: "Choose a team.", input: undefined }]);
    const d = await getTeamDrilldown(db, viewer, { teamId: a.teamId, quarter: a.quarter });
    const slug = d.team.name.replace(/[^\p{L}\p{N}]+/gu, "-");
    return a.table === "engineers"
      ? { filename: `engineers-${slug}-${d.key}.csv`, csv: toCsv(["engineer", ...QUALITY_HEADER], d.engineers.map((r) => [r.name, ...quality(r)])) }
      : { filename: `trend-${slug}.csv`, csv: toCsv(["quarter", ...QUALITY_HEADER], d.trend.map((r) => [r.quarter, ...quality(r)])) };
  }
  const v = await getDirectorsView(db, viewer, { quarter: a.quarter });
  switch (a.table) {
    case "teams":
      return { filename: `teams-${v.key}.csv`, csv: toCsv(["team", ...QUALITY_HEADER], v.rows.map((r) => [r.name, ...quality(r)])) };
    case "comparison":
      return {
        filename: `comparison-${v.key}.csv`,
        csv: toCsv(
          ["team", `average_${v.quarter.label}`, `ratings_${v.quarter.label}`, `average_${v.previous.label}`, `ratings_${v.previous.label}`, `average_${v.lastYear.label}`, `ratings_${v.lastYear.label}`],
          v.rows.map((r) => {
            const p = v.previousRows.get(r.id);
            const y = v.lastYearRows.get(r.id);
            return [r.name, r.average, r.ratings, p?.average, p?.ratings, y?.average, y?.ratings];
          }),
        ),
      };
    default:
      return { filename: `trend-${v.key}.csv`, csv: toCsv(["quarter", ...v.teams.map((t) => t.name)], v.trend.map((t) => [t.quarter, ...v.teams.map((x) => t.values[x.name])])) };
  }
}
