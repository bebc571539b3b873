"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";

export type DailyPoints = { date: string; label: string; points: number };

/** Points per day (the last 30 days), negative days in red; texts and numbers in the page's language. */
export function PointsChart({ data, tx, intl = "en-GB" }: { data: DailyPoints[]; tx: Texts<"pointsChart.">; intl?: string }) {
  const total = data.reduce((s, d) => s + d.points, 0);
  const n = (v: number) => v.toLocaleString(intl, { maximumFractionDigits: 2 });
  return (
    <figure className="chart" data-testid="points-chart">
      <BarChart responsive data={data} style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={{ fontSize: 11 }} allowDecimals />
        <ReferenceLine y={0} stroke="var(--muted)" />
        <Tooltip
          formatter={(value) => [n(Number(value)), tx.points]}
          labelFormatter={(label) => String(label)}
        />
        <Bar dataKey="points" isAnimationActive={false} radius={[3, 3, 0, 0]}>
          {data.map((d) => (
            <Cell key={d.date} fill={d.points < 0 ? "var(--bad)" : "var(--accent)"} />
          ))}
        </Bar>
      </BarChart>
      <figcaption className="sr-only">
        {fill(tx.caption, { days: data.length, total: n(total) })}
      </figcaption>
    </figure>
  );
}
