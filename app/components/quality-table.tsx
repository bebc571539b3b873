import type { ReactNode } from "react";
import { t as tr, type MessageKey } from "@/lib/i18n";
import { avg, hours, pct } from "./quality-format";

/** A row of the directors' quality tables: any subset of these metrics is shown. */
export type QualityRow = {
  average: number | null;
  ratings: number;
  fiveStarShare?: number | null;
  solved?: number;
  reopenRate: number | null;
  medianResolutionHours: number | null;
  responseRate: number | null;
};

type Metric = "average" | "ratings" | "fiveStarShare" | "solved" | "reopenRate" | "medianResolutionHours" | "responseRate";

const CELL: Record<Metric, (r: QualityRow, L: string) => ReactNode> = {
  average: (r, L) => avg(r.average, L),
  ratings: (r) => r.ratings,
  fiveStarShare: (r, L) => pct(r.fiveStarShare ?? null, L),
  solved: (r) => r.solved ?? 0,
  reopenRate: (r, L) => pct(r.reopenRate, L),
  medianResolutionHours: (r, L) => hours(r.medianResolutionHours, L),
  responseRate: (r, L) => pct(r.responseRate, L),
};

/**
 * The directors' tables (teams, a team's engineers, a team's quarters): a first column of the
 * caller's, then the chosen metrics, each with its header, formatted in the viewer's locale.
 */
export function QualityTable<R extends QualityRow>({
  L,
  rows,
  rowKey,
  first,
  columns,
  testId,
  className,
}: {
  L: string;
  rows: R[];
  rowKey: (r: R) => string | number;
  first: { head: MessageKey; cell: (r: R) => ReactNode };
  columns: [Metric, MessageKey][];
  testId?: string;
  className?: string;
}) {
  return (
    <div className="table-wrap">
      <table data-testid={testId} className={className}>
        <thead>
          <tr>
            <th scope="col">{tr(L, first.head)}</th>
            {columns.map(([m, head]) => (
              <th key={m} scope="col" className="num">
                {tr(L, head)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={rowKey(r)}>
              <td>{first.cell(r)}</td>
              {columns.map(([m]) => (
                <td key={m} className="num">
                  {CELL[m](r, L)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A table's CSV download link, labelled in the viewer's language. */
export function CsvLink({ href, table, L }: { href: string; table: string; L: string }) {
  return (
    <a href={href} className="small" data-testid={`csv-${table}`} download>
      {tr(L, "dir.download_csv")}
    </a>
  );
}
