import "./editor.css";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";
import type { WhatIf } from "@/lib/rules-editor/what-if";

type T = Texts<"whatIf.">;

export function RankChange({ n, tx }: { n: number; tx: T }) {
  if (n > 0) return <span className="rank-up" aria-label={fill(tx.up, { n })}>▲ {n}</span>;
  if (n < 0) return <span className="rank-down" aria-label={fill(tx.down, { n: -n })}>▼ {-n}</span>;
  return <span className="rank-same" aria-label={tx.same}>=</span>;
}

/** The quarter's board under the draft beside today's, with each engineer's rank change, in the page's language (`tx`, `intl`). */
export function WhatIfTable({ whatIf, tx, intl }: { whatIf: WhatIf; tx: T; intl: string }) {
  const pts = new Intl.NumberFormat(intl, { maximumFractionDigits: 2 });
  const moved = whatIf.rows.filter((r) => r.rankChange !== 0).length;
  const summary = tx.summary.split(/(\{ms\})/);
  return (
    <section className="card" data-testid="what-if">
      <h2>{fill(tx.title, { period: whatIf.period.label })}</h2>
      <p className="muted small" data-testid="what-if-summary">
        {summary.map((part, i) =>
          part === "{ms}" ? (
            <span key={i} data-testid="what-if-ms">
              {whatIf.durationMs} ms
            </span>
          ) : (
            fill(part, { v: whatIf.draftVersion, from: whatIf.effectiveFrom.toISOString().slice(0, 10), tickets: whatIf.ticketsScored, moved, total: whatIf.rows.length })
          ),
        )}
      </p>
      <div className="table-wrap">
        <table className="board">
          <thead>
            <tr>
              <th scope="col" className="num">{tx.draftRank}</th>
              <th scope="col">{tx.change}</th>
              <th scope="col">{tx.engineer}</th>
              <th scope="col">{tx.team}</th>
              <th scope="col" className="num">{tx.draftPoints}</th>
              <th scope="col" className="num">{tx.rankToday}</th>
              <th scope="col" className="num">{tx.pointsToday}</th>
            </tr>
          </thead>
          <tbody>
            {whatIf.rows.map((r) => (
              <tr key={r.engineerId} data-testid="what-if-row" data-engineer-id={r.engineerId} data-rank-change={r.rankChange}>
                <td className="num">{r.draft.rank}</td>
                <td data-testid="what-if-change">
                  <RankChange n={r.rankChange} tx={tx} />
                </td>
                <td>
                  {r.name} {r.lineCode && <span className="muted small">{r.lineCode}</span>}
                </td>
                <td>{r.teamName ?? "—"}</td>
                <td className="num strong">{pts.format(r.draft.points)}</td>
                <td className="num">{r.current.rank}</td>
                <td className="num">{pts.format(r.current.points)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
