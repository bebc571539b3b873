"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { numberFormat } from "@/lib/i18n/intl-cache";
import { useHydrated } from "./use-hydrated";

const COLORS = ["#3b6fd8", "#e08a00", "#1b9e77", "#d6336c", "#7c3aed", "#0f766e", "#a16207", "#475569"];

/**
 * One line per series over the quarters (average CSAT per team, or one team's metrics). `caption`:
 * the page's words for the screen reader ("… by quarter."), in the viewer's language; `intlTag`:
 * the axis's and tooltip's numbers in it ("4,5").
 */
export function TrendChart({
  rows,
  series,
  testId,
  domain,
  caption,
  intlTag,
}: {
  rows: Record<string, string | number | null>[];
  series: string[];
  testId: string;
  domain?: [number, number];
  caption: string;
  intlTag: string;
}) {
  const hydrated = useHydrated();
  const nf = numberFormat(intlTag, { maximumFractionDigits: 2 });
  const fmt = (v: unknown) => (typeof v === "number" ? nf.format(v) : String(v ?? ""));
  return (
    <figure className="chart" data-testid={testId}>
      {hydrated ? (
        <LineChart responsive data={rows} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="quarter" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} domain={domain ?? ["auto", "auto"]} allowDecimals tickFormatter={fmt} />
          <Tooltip formatter={fmt} />
          <Legend />
          {series.map((s, i) => (
            <Line key={s} type="monotone" dataKey={s} stroke={COLORS[i % COLORS.length]} strokeWidth={2} dot connectNulls isAnimationActive={false} />
          ))}
        </LineChart>
      ) : (
        <div aria-hidden style={{ height: 260 }} />
      )}
      <figcaption className="sr-only">{caption}</figcaption>
    </figure>
  );
}
