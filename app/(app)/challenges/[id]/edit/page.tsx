import { texts, t as tr } from "@/lib/i18n";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ChallengeForm } from "@/app/components/challenge-form";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { getChallengeForEdit, listChallengeTeams } from "@/lib/challenges/queries";
import type { Metric } from "@/lib/challenges/types";
import { orForbidden } from "../../../_lib/guard";
import { suggestionsFor } from "../../_lib";
import { titled } from "../../../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.editChallenge");

export default async function EditChallengePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const path = `/challenges/${id}/edit`;
  const viewer = await requirePageViewer(path);
  const L = viewer.locale;
  if (!/^\d+$/.test(id)) notFound();
  const db = await getDb();
  const c = await orForbidden(getChallengeForEdit(db, viewer, Number(id)), path);
  const [teams, suggestions] = await Promise.all([listChallengeTeams(db, viewer), orForbidden(suggestionsFor(db, viewer, c.teamId), path)]);
  const custom = c.custom as { field: string; value: string } | null;
  return (
    <>
      <div className="page-head">
        <h1>{tr(L, "ch.editNamed", { name: c.name })}</h1>
      </div>
      <ChallengeForm
        teams={teams}
        suggestions={suggestions}
        text={{ form: texts(L, "chForm."), metrics: texts(L, "ch.metric.") }}
        initial={{
          id: c.id,
          name: c.name,
          teamId: c.teamId === null ? "" : String(c.teamId),
          scope: c.scope,
          metric: c.metric as Metric,
          target: String(c.target),
          minCount: String(c.minCount),
          periodStart: c.periodStart,
          periodEnd: c.periodEnd,
          customField: custom?.field ?? "",
          customValue: custom?.value ?? "",
        }}
      />
    </>
  );
}
