"use client";
import { Area, CartesianGrid, ComposedChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { numberFormat } from "@/lib/i18n/intl-cache";
import { useHydrated } from "./use-hydrated";

export type ProgressPoint = { date: string; label: string; total: number | null };

/**
 * Cumulative points by day this week against the weekly quota and the personal goal (issue #5).
 * Texts come from the server in the viewer's language; numbers through Intl in the same locale.
 */
export function ProgressChart(props: {
  data: ProgressPoint[];
  quota: number;
  goal: number | null;
  intlTag: string;
  text: { points: string; quota: string; goal: string; caption: string };
}) {
  const hydrated = useHydrated();
  const { data, quota, goal, intlTag, text } = props;
  const nf = numberFormat(intlTag, { maximumFractionDigits: 2 });
  const fmt = (n: number) => nf.format(n);
  const top = Math.max(quota, goal ?? 0, ...data.map((d) => d.total ?? 0), 1);
  return (
    <figure className="chart" data-testid="progress-chart" data-quota={quota} data-goal={goal ?? ""}>
      {hydrated ? (
        <ComposedChart responsive data={data} style={{ width: "100%", height: 260 }} margin={{ top: 16, right: 16, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} domain={[(min: number) => Math.min(0, min), Math.ceil(top * 1.1)]} tickFormatter={fmt} />
          <Tooltip formatter={(value) => [fmt(Number(value)), text.points]} labelFormatter={(label) => String(label)} />
          <Area type="monotone" dataKey="total" stroke="var(--accent)" fill="var(--accent)" fillOpacity={0.18} strokeWidth={2} isAnimationActive={false} dot={{ r: 3 }} />
          {quota > 0 && (
            <ReferenceLine y={quota} stroke="var(--bad, #c0392b)" strokeDasharray="6 4" label={{ value: `${text.quota} ${fmt(quota)}`, position: "insideTopLeft", fontSize: 11 }} />
          )}
          {goal !== null && (
            <ReferenceLine y={goal} stroke="var(--good, #2e8b57)" strokeDasharray="2 3" strokeWidth={2} label={{ value: `${text.goal} ${fmt(goal)}`, position: "insideTopRight", fontSize: 11 }} />
          )}
        </ComposedChart>
      ) : (
        <div aria-hidden style={{ height: 260 }} />
      )}
      <figcaption className="muted small">{text.caption}</figcaption>
    </figure>
  );
}
