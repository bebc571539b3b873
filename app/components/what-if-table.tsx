import "./editor.css";
import type { WhatIf } from "@/lib/rules-editor/what-if";

const pts = new Intl.NumberFormat("en-GB", { maximumFractionDigits: 2 });

export function RankChange({ n }: { n: number }) {
  if (n > 0) return <span className="rank-up" aria-label={`up ${n}`}>▲ {n}</span>;
  if (n < 0) return <span className="rank-down" aria-label={`down ${-n}`}>▼ {-n}</span>;
  return <span className="rank-same" aria-label="same place">=</span>;
}

/** The quarter's board under the draft beside today's, with each engineer's rank change. */
export function WhatIfTable({ whatIf }: { whatIf: WhatIf }) {
  const moved = whatIf.rows.filter((r) => r.rankChange !== 0).length;
  return (
    <section className="card" data-testid="what-if">
      <h2>What-if: {whatIf.period.label}</h2>
      <p className="muted small" data-testid="what-if-summary">
        Draft as version {whatIf.draftVersion}, from {whatIf.effectiveFrom.toISOString().slice(0, 10)}: {whatIf.ticketsScored} tickets
        rescored in memory in <span data-testid="what-if-ms">{whatIf.durationMs} ms</span>; {moved} of {whatIf.rows.length} engineers change
        place. Nothing is saved.
      </p>
      <div className="table-wrap">
        <table className="board">
          <thead>
            <tr>
              <th scope="col" className="num">Draft rank</th>
              <th scope="col">Change</th>
              <th scope="col">Engineer</th>
              <th scope="col">Team</th>
              <th scope="col" className="num">Draft points</th>
              <th scope="col" className="num">Rank today</th>
              <th scope="col" className="num">Points today</th>
            </tr>
          </thead>
          <tbody>
            {whatIf.rows.map((r) => (
              <tr key={r.engineerId} data-testid="what-if-row" data-engineer-id={r.engineerId} data-rank-change={r.rankChange}>
                <td className="num">{r.draft.rank}</td>
                <td data-testid="what-if-change">
                  <RankChange n={r.rankChange} />
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
