"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { fill } from "@/lib/i18n/fill";
import { numberFormat } from "@/lib/i18n/intl-cache";
import { useHydrated } from "./use-hydrated";

export type DailyPoints = { date: string; label: string; points: number };

/** Points per day (the last 30 days), negative days in red; texts in the viewer's language from the page. */
export function PointsChart({ data, intlTag, text }: { data: DailyPoints[]; intlTag: string; text: { points: string; caption: string } }) {
  const hydrated = useHydrated();
  const total = data.reduce((s, d) => s + d.points, 0);
  const nf = numberFormat(intlTag, { maximumFractionDigits: 2 });
  const fmt = (n: number) => nf.format(n);
  return (
    <figure className="chart" data-testid="points-chart">
      {hydrated ? (
        <BarChart responsive data={data} style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
          <YAxis tick={{ fontSize: 11 }} allowDecimals />
          <ReferenceLine y={0} stroke="var(--muted)" />
          <Tooltip
            formatter={(value) => [fmt(Number(value)), text.points]}
            labelFormatter={(label) => String(label)}
          />
          <Bar dataKey="points" isAnimationActive={false} radius={[3, 3, 0, 0]}>
            {data.map((d) => (
              <Cell key={d.date} fill={d.points < 0 ? "var(--bad)" : "var(--accent)"} />
            ))}
          </Bar>
        </BarChart>
      ) : (
        <div aria-hidden style={{ height: 240 }} />
      )}
      <figcaption className="sr-only">{fill(text.caption, { days: data.length, total: fmt(total) })}</figcaption>
    </figure>
  );
}
