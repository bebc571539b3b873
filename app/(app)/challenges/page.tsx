import type { Metadata } from "next";
import Link from "next/link";
import { ChallengeStateBadge } from "@/app/components/challenge-state";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { canManageChallenge } from "@/lib/auth/policy";
import { listChallenges } from "@/lib/challenges/queries";
import type { ChallengeState, Metric } from "@/lib/challenges/types";
import { formatNumber, t } from "@/lib/i18n";
import { orForbidden } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.challenges");

export default async function ChallengesPage() {
  const viewer = await requirePageViewer("/challenges");
  const items = await orForbidden(listChallenges(await getDb(), viewer), "/challenges");
  const L = viewer.locale;
  const mayCreate = canManageChallenge(viewer, viewer.teamId) && viewer.role !== "engineer";
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{t(L, "ch.title")}</h1>
          <p className="muted">{t(L, "ch.intro")}</p>
        </div>
        {mayCreate && (
          <Link href="/challenges/new" className="button" data-testid="new-challenge">
            {t(L, "ch.new")}
          </Link>
        )}
      </div>
      {items.length === 0 && <p className="empty">{t(L, "ch.none")}</p>}
      <div className="challenge-grid" data-testid="challenge-list">
        {items.map(({ challenge: c, evaluation: e, closed }) => {
          const state: ChallengeState = e?.state ?? closed?.state ?? "missed";
          return (
            <article key={c.id} className="card challenge-card" data-testid="challenge-card">
              <h3>
                <Link href={`/challenges/${c.id}`}>{c.name}</Link>
              </h3>
              <p className="muted small">
                {c.teamName ?? t(L, "ch.allTeams")} · {t(L, c.scope === "engineer" ? "ch.eachEngineer" : "ch.theTeam")} · {t(L, `ch.metric.${c.metric as Metric}`)} {formatNumber(L, c.target)}
                {c.minCount > 0 ? t(L, "ch.overMin", { n: c.minCount }) : ""} · {c.periodStart} → {c.periodEnd}
              </p>
              <p>
                <ChallengeStateBadge state={state} locale={L} /> {c.closedAt ? <span className="muted small">{t(L, "ch.closed")}</span> : e && <span className="small">{t(L, "ch.daysLeft", { n: e.daysLeft })}</span>}
              </p>
              {e && <p className="small">{e.whatItTakes}</p>}
              {closed && <p className="small" data-testid="challenge-result">{closed.text}</p>}
            </article>
          );
        })}
      </div>
    </>
  );
}
