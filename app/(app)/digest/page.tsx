import { texts, t as tr } from "@/lib/i18n";
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { ChannelForm, SendTestButton } from "@/app/components/digest-forms";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { listChannels, listDeliveries, listDigestTeams, previewDigest } from "@/lib/digest/service";
import { orForbidden, pathWithQuery, type SearchParams } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.digest");

const KIND: Record<string, string> = { slack: "Slack", teams: "Microsoft Teams", telegram: "Telegram" };

export default async function DigestPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const path = pathWithQuery("/digest", sp);
  const viewer = await requirePageViewer(path);
  const L = viewer.locale;
  const db = await getDb();
  const teams = await orForbidden(listDigestTeams(db, viewer), path);
  if (teams.length === 0) forbidden();
  const team = teams.find((t) => String(t.id) === sp.team) ?? teams[0]!;
  const [channels, deliveries, preview] = await Promise.all([
    orForbidden(listChannels(db, viewer, team.id), path),
    orForbidden(listDeliveries(db, viewer, team.id), path),
    orForbidden(previewDigest(db, viewer, team.id), path),
  ]);
  return (
    <>
      <div className="page-head">
        <div>
          <h1>{tr(L, "dig.title", { team: team.name })}</h1>
          <p className="muted">{tr(L, "dig.intro", { tz: team.timeZone })}</p>
        </div>
        {teams.length > 1 && (
          <nav className="tabs" aria-label={tr(L, "board.team")}>
            {teams.map((t) => (
              <a key={t.id} href={`/digest?team=${t.id}`} aria-current={t.id === team.id ? "page" : undefined}>
                {t.name}
              </a>
            ))}
          </nav>
        )}
      </div>
      <section className="card">
        <h2>{tr(L, "dig.preview_of_today_apos_s_digest")}</h2>
        <pre className="digest-preview" data-testid="digest-preview">
          {preview.text}
        </pre>
      </section>
      <section className="card">
        <h2>{tr(L, "dig.channels")}</h2>
        {channels.length === 0 ? (
          <p className="empty">{tr(L, "dig.no_channel_yet")}</p>
        ) : (
          <table data-testid="channels">
            <thead>
              <tr>
                <th scope="col">{tr(L, "dig.name")}</th>
                <th scope="col">{tr(L, "dig.kind")}</th>
                <th scope="col">{tr(L, "dig.time")}</th>
                <th scope="col">{tr(L, "dig.secret")}</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id}>
                  <td>{c.name}</td>
                  <td>{c.kind === "email" ? tr(L, "dig.kindEmail") : KIND[c.kind]}</td>
                  <td>{c.sendAt}{c.enabled ? "" : tr(L, "dig.off")}</td>
                  <td className="muted small">{c.secretHint}</td>
                  <td>
                    <SendTestButton channelId={c.id} text={texts(L, "digForm.")} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>{tr(L, "dig.add_a_channel")}</h3>
        <ChannelForm teamId={team.id} text={texts(L, "digForm.")} />
      </section>
      <section className="card">
        <h2>{tr(L, "dig.recent_deliveries")}</h2>
        {deliveries.length === 0 ? (
          <p className="empty">{tr(L, "dig.nothing_sent_yet")}</p>
        ) : (
          <table data-testid="deliveries">
            <thead>
              <tr>
                <th scope="col">{tr(L, "dig.day")}</th>
                <th scope="col">{tr(L, "dig.channel")}</th>
                <th scope="col">{tr(L, "dig.kind")}</th>
                <th scope="col">{tr(L, "dig.status")}</th>
                <th scope="col" className="num">{tr(L, "dig.attempts")}</th>
                <th scope="col">{tr(L, "dig.last_error_next_attempt")}</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id}>
                  <td>{d.day}</td>
                  <td>{d.channelName}</td>
                  <td>{d.trigger}</td>
                  <td className={d.status === "failed" ? "error" : d.status === "sent" ? "ok" : "warn"}>{d.status === "sent" || d.status === "failed" || d.status === "pending" ? tr(L, `dig.status.${d.status}`) : d.status}</td>
                  <td className="num">{d.attempts}</td>
                  <td className="small">
                    {d.lastError ?? ""}
                    {d.status === "pending" ? tr(L, "dig.next", { at: d.nextAttemptAt.toISOString().slice(0, 16).replace("T", " ") }) : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
