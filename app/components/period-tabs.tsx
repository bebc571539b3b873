import Link from "next/link";
import { t } from "@/lib/i18n";
import { BOARD_PERIODS, type BoardPeriod } from "@/lib/queries/schemas";

/** Day / Week / Month / Quarter / Year links that keep the other search params, and a custom range form. */
export function PeriodTabs({
  basePath,
  current,
  params = {},
  locale = "en",
  from,
  to,
}: {
  basePath: string;
  current: BoardPeriod;
  params?: Record<string, string | number | null | undefined>;
  locale?: string;
  from?: string | null;
  to?: string | null;
}) {
  const kept = Object.entries(params).filter(([, v]) => v !== null && v !== undefined && v !== "");
  return (
    <div className="period-picker">
      <nav className="tabs" aria-label={t(locale, "aria.period")}>
        {BOARD_PERIODS.filter((p) => p !== "custom").map((p) => {
          const q = new URLSearchParams();
          q.set("period", p);
          for (const [k, v] of kept) q.set(k, String(v));
          return (
            <Link key={p} href={`${basePath}?${q.toString()}`} aria-current={p === current ? "page" : undefined} data-testid={`period-${p}`}>
              {t(locale, `period.${p}`)}
            </Link>
          );
        })}
      </nav>
      <form method="get" action={basePath} className="custom-range" data-testid="period-custom">
        <input type="hidden" name="period" value="custom" />
        {kept.map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={String(v)} />
        ))}
        <label>
          {t(locale, "period.from")} <input type="date" name="from" defaultValue={from ?? ""} required />
        </label>
        <label>
          {t(locale, "period.to")} <input type="date" name="to" defaultValue={to ?? ""} required />
        </label>
        <button type="submit" aria-current={current === "custom" ? "page" : undefined}>
          {t(locale, "period.custom")}
        </button>
      </form>
    </div>
  );
}
