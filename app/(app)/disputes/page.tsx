import type { Metadata } from "next";
import Link from "next/link";
import { DisputeOutcome } from "@/app/components/dispute-outcome";
import { formatDateTime, formatPoints } from "@/app/components/format";
import { ResolveDisputeForm } from "@/app/components/resolve-dispute-form";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { listDisputes, type DisputeView } from "@/lib/disputes/queries";
import { orForbidden } from "../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Disputes" };

const PATH = "/disputes";

export default async function DisputesPage() {
  const viewer = await requirePageViewer(PATH);
  const { open, resolved } = await orForbidden(listDisputes(await getDb(), viewer), PATH);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>Disputes</h1>
          <p className="muted">
            {viewer.role === "admin" ? "Every team's" : "Your team's"} engineers questioning their points. Accept with an adjustment (added to
            the engineer's points for that ticket) or reject; the engineer sees your reason on their page. Times in UTC.
          </p>
        </div>
      </div>
      <section className="card">
        <h2>Open ({open.length})</h2>
        {open.length === 0 ? (
          <p className="muted" data-testid="disputes-none">
            No open disputes.
          </p>
        ) : (
          open.map((d) => <DisputeCard key={d.id} d={d} />)
        )}
      </section>
      {resolved.length > 0 && (
        <section className="card">
          <h2>Answered</h2>
          {resolved.map((d) => (
            <DisputeCard key={d.id} d={d} />
          ))}
        </section>
      )}
    </>
  );
}

function DisputeCard({ d }: { d: DisputeView }) {
  return (
    <article className="card" data-testid="dispute" data-dispute-id={d.id} data-status={d.status}>
      <p>
        <Link href={`/engineers/${d.engineerId}`} className="strong">
          {d.engineerName}
        </Link>{" "}
        <span className="muted small">
          {d.teamName ?? "No team"} · {formatDateTime(d.createdAt, "UTC")}
        </span>
      </p>
      <p className="small">
        <span className="ticket-id">#{d.ticketExternalId}</span> {d.subject || <span className="muted">(no subject)</span>}{" "}
        <span className="muted">· {d.connectionName}</span> — <strong>{formatPoints(d.points)} points</strong>: {d.explanation}
      </p>
      <blockquote className="small" data-testid="dispute-comment-text">
        “{d.comment}”
      </blockquote>
      {d.status === "open" ? (
        d.canResolve ? (
          <ResolveDisputeForm disputeId={d.id} />
        ) : (
          <p className="muted small">About your own points: an admin answers this one.</p>
        )
      ) : (
        <DisputeOutcome d={{ ...d }} />
      )}
    </article>
  );
}
