"use client";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";

export type DailyPoints = { date: string; label: string; points: number };

/** Points per day (the last 30 days), negative days in red. */
export function PointsChart({ data }: { data: DailyPoints[] }) {
  const total = data.reduce((s, d) => s + d.points, 0);
  return (
    <figure className="chart" data-testid="points-chart">
      <BarChart responsive data={data} style={{ width: "100%", height: 240 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
        <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
        <YAxis tick={{ fontSize: 11 }} allowDecimals />
        <ReferenceLine y={0} stroke="var(--muted)" />
        <Tooltip
          formatter={(value) => [Number(value).toLocaleString("en-GB", { maximumFractionDigits: 2 }), "Points"]}
          labelFormatter={(label) => String(label)}
        />
        <Bar dataKey="points" isAnimationActive={false} radius={[3, 3, 0, 0]}>
          {data.map((d) => (
            <Cell key={d.date} fill={d.points < 0 ? "var(--bad)" : "var(--accent)"} />
          ))}
        </Bar>
      </BarChart>
      <figcaption className="sr-only">
        Points per day over the last {data.length} days, {total.toLocaleString("en-GB", { maximumFractionDigits: 2 })} in
        total.
      </figcaption>
    </figure>
  );
}
