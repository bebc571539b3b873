import { texts, t as tr } from "@/lib/i18n";
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ChallengeForm } from "@/app/components/challenge-form";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { listChallengeTeams } from "@/lib/challenges/queries";
import { METRICS, type Metric } from "@/lib/challenges/types";
import { periodContaining } from "@/lib/periods";
import { orForbidden, pathWithQuery, type SearchParams } from "../../_lib/guard";
import { suggestionsFor } from "../_lib";
import { titled } from "../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.newChallenge");

export default async function NewChallengePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const path = pathWithQuery("/challenges/new", sp);
  const viewer = await requirePageViewer(path);
  const L = viewer.locale;
  const db = await getDb();
  const teams = await orForbidden(listChallengeTeams(db, viewer), path);
  // Engineers (and leads without a team) cannot create challenges: HTTP 403.
  if (teams.length === 0) forbidden();
  const wanted = sp.team === "all" ? null : Number(sp.team);
  const team = teams.find((t) => t.id === wanted) ?? teams.find((t) => t.id !== null) ?? teams[0]!;
  const metric = (METRICS as readonly string[]).includes(String(sp.metric)) ? (sp.metric as Metric) : "avg_csat";
  const quarter = periodContaining("quarter", new Date(), "UTC");
  const suggestions = await orForbidden(suggestionsFor(db, viewer, team.id), path);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "ch.new")}</h1>
          <p className="muted">{tr(L, "ch.newIntro")}</p>
        </div>
      </div>
      <ChallengeForm
        key={String(team.id)}
        teams={teams}
        suggestions={suggestions}
        text={{ form: texts(L, "chForm."), metrics: texts(L, "ch.metric.") }}
        initial={{
          name: "",
          teamId: team.id === null ? "" : String(team.id),
          scope: "team",
          metric,
          target: "",
          minCount: "0",
          periodStart: quarter.startDate,
          periodEnd: quarter.lastDate,
          customField: "",
          customValue: "",
        }}
      />
    </>
  );
}
