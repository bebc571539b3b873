import { t as tr, texts } from "@/lib/i18n";
import Link from "next/link";
import { DisputeOutcome } from "@/app/components/dispute-outcome";
import { formatDateTime, formatPoints } from "@/app/components/format";
import { ResolveDisputeForm } from "@/app/components/resolve-dispute-form";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { listDisputes, type DisputeView } from "@/lib/disputes/queries";
import { orForbidden } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.disputes");

const PATH = "/disputes";

export default async function DisputesPage() {
  const viewer = await requirePageViewer(PATH);
  const L = viewer.locale;
  const { open, resolved } = await orForbidden(listDisputes(await getDb(), viewer), PATH);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "disp.disputes")}</h1>
          <p className="muted">
            {tr(L, viewer.role === "admin" ? "disp.intro_admin" : "disp.intro_lead")}
          </p>
        </div>
      </div>
      <section className="card">
        <h2>{tr(L, "disp.open", { n: open.length })}</h2>
        {open.length === 0 ? (
          <p className="muted" data-testid="disputes-none">
            {tr(L, "disp.no_open_disputes")}
          </p>
        ) : (
          open.map((d) => <DisputeCard key={d.id} d={d} L={L} />)
        )}
      </section>
      {resolved.length > 0 && (
        <section className="card">
          <h2>{tr(L, "disp.answered")}</h2>
          {resolved.map((d) => (
            <DisputeCard key={d.id} d={d} L={L} />
          ))}
        </section>
      )}
    </>
  );
}

function DisputeCard({ d, L }: { d: DisputeView; L: string }) {
  return (
    <article className="card" data-testid="dispute" data-dispute-id={d.id} data-status={d.status}>
      <p>
        <Link href={`/engineers/${d.engineerId}`} className="strong">
          {d.engineerName}
        </Link>{" "}
        <span className="muted small">
          {d.teamName ?? tr(L, "eng.noTeam")} · {formatDateTime(d.createdAt, "UTC", L)}
        </span>
      </p>
      <p className="small">
        <span className="ticket-id">#{d.ticketExternalId}</span> {d.subject || <span className="muted">{tr(L, "eng.noSubject")}</span>}{" "}
        <span className="muted">· {d.connectionName}</span> — <strong>{tr(L, "disp.points", { n: formatPoints(d.points, L) })}</strong>: {d.explanation}
      </p>
      <blockquote className="small" data-testid="dispute-comment-text">
        “{d.comment}”
      </blockquote>
      {d.status === "open" ? (
        d.canResolve ? (
          <ResolveDisputeForm disputeId={d.id} tx={texts(L, "resolveForm.")} />
        ) : (
          <p className="muted small">{tr(L, "disp.about_your_own_points_an_admin_answers_t")}</p>
        )
      ) : (
        <DisputeOutcome d={{ ...d }} locale={L} />
      )}
    </article>
  );
}
