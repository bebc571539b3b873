import type { Metadata } from "next";
import Link from "next/link";
import { Crown } from "@/app/components/crown";
import { getDb } from "@/db/client";
import { requirePageViewer } from "@/lib/auth/session";
import { formatDay, formatNumber, t } from "@/lib/i18n";
import { getCrowns, type CrownEntry } from "@/lib/queries";
import { orForbidden } from "../_lib/guard";
import { titled } from "../_lib/title";

export const dynamic = "force-dynamic";
export const generateMetadata = titled("title.crowns");

const BOARD: Record<CrownEntry["board"], { en: string; ru: string }> = {
  engineer_points: { en: "Top scorer", ru: "Лучший бомбардир" },
  team_csat: { en: "Team · CSAT", ru: "Команда · CSAT" },
  team_points: { en: "Team · points", ru: "Команда · баллы" },
};

export default async function CrownsPage() {
  const viewer = await requirePageViewer("/crowns");
  const L = viewer.locale;
  const lang = L === "ru" ? "ru" : "en";
  const data = await orForbidden(getCrowns(await getDb(), viewer), "/crowns");
  const holder = (c: CrownEntry) =>
    c.engineerId !== null ? <Link href={`/engineers/${c.engineerId}`}>{c.holder}</Link> : <span>{c.holder}</span>;
  return (
    <>
      <div className="page-head">
        <h1>{t(L, "crowns.title")}</h1>
      </div>
      <section className="card">
        <h2>{t(L, "crowns.current")}</h2>
        <table className="board" data-testid="crowns-current">
          <tbody>
            {data.current.map((c) => (
              <tr key={`${c.board}-${c.periodKind}`} data-testid="crown-current">
                <td>
                  <Crown locale={L} /> {BOARD[c.board][lang]}
                </td>
                <td>{t(L, `period.${c.periodKind}` as "period.week")}</td>
                <td className="name">{holder(c)}</td>
                <td className="num">{formatNumber(L, c.value)}</td>
                <td className="muted">{t(L, "crowns.since", { date: formatDay(L, c.heldSince, "UTC") })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t(L, "crowns.history")}</h2>
        <table className="board" data-testid="crowns-history">
          <tbody>
            {data.history.map((c) => (
              <tr key={`${c.board}-${c.periodKind}-${c.periodStart}`}>
                <td>{BOARD[c.board][lang]}</td>
                <td>
                  {t(L, `period.${c.periodKind}` as "period.week")} · {c.periodStart}
                </td>
                <td className="name">{holder(c)}</td>
                <td className="num">{formatNumber(L, c.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="card">
        <h2>{t(L, "crowns.won")}</h2>
        <ol>
          {data.mostCrowns.map((w) => (
            <li key={w.engineerId}>
              {w.name}: <strong>{w.n}</strong>
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
