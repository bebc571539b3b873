import Link from "next/link";
import { BOARD_PERIODS, type BoardPeriod } from "@/lib/queries/schemas";

const LABELS: Record<BoardPeriod, string> = { week: "Week", month: "Month", quarter: "Quarter" };

/** Week / Month / Quarter links that keep the other search params. */
export function PeriodTabs({
  basePath,
  current,
  params = {},
}: {
  basePath: string;
  current: BoardPeriod;
  params?: Record<string, string | number | null | undefined>;
}) {
  return (
    <nav className="tabs" aria-label="Period">
      {BOARD_PERIODS.map((p) => {
        const q = new URLSearchParams();
        q.set("period", p);
        for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") q.set(k, String(v));
        return (
          <Link
            key={p}
            href={`${basePath}?${q.toString()}`}
            aria-current={p === current ? "page" : undefined}
            data-testid={`period-${p}`}
          >
            {LABELS[p]}
          </Link>
        );
      })}
    </nav>
  );
}
