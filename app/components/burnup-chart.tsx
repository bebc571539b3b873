"use client";
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { BurnPoint } from "@/lib/challenges/types";
import { fill } from "@/lib/i18n/fill";
import { useHydrated } from "./use-hydrated";

/** The chart's texts in the viewer's language, from the page (`texts(L, "burnup.")`), and its Intl tag. */
export type BurnupTexts = { goal: string; today: string; pace: string; projection: string; caption: string };

/** Burn-up by day: actual progress, the pace needed to finish on target, and the projection at the current pace. */
export function BurnupChart({ data, goal, unit, today, text, tag }: { data: BurnPoint[]; goal: number; unit: string; today: string; text: BurnupTexts; tag: string }) {
  const hydrated = useHydrated();
  const rows = data.map((p) => ({ ...p, label: p.date.slice(5) }));
  return (
    <figure className="chart" data-testid="burnup-chart">
      {hydrated ? (
        <ComposedChart responsive data={rows} style={{ width: "100%", height: 300 }} margin={{ top: 22, right: 16, bottom: 0, left: -8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--line)" />
          <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={24} />
          <YAxis tick={{ fontSize: 11 }} />
          <Tooltip formatter={(v, name) => [v === null ? "—" : Number(v).toLocaleString(tag, { maximumFractionDigits: 2 }), String(name)]} />
          <Legend />
          {goal > 0 && <ReferenceLine y={goal} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: fill(text.goal, { goal: goal.toLocaleString(tag) }), fontSize: 11, position: "insideTopLeft" }} />}
          <ReferenceLine x={today.slice(5)} stroke="var(--muted)" label={{ value: text.today, fontSize: 11, position: "top" }} />
          <Line type="linear" dataKey="pace" name={text.pace} stroke="#9aa3af" strokeDasharray="6 4" dot={false} isAnimationActive={false} />
          <Line type="linear" dataKey="projection" name={text.projection} stroke="#e08a00" strokeDasharray="2 3" dot={false} connectNulls={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="actual" name={unit} stroke="#3b6fd8" strokeWidth={2.5} dot={false} connectNulls={false} isAnimationActive={false} />
        </ComposedChart>
      ) : (
        <div aria-hidden style={{ height: 300 }} />
      )}
      <figcaption className="sr-only">
        {fill(text.caption, { unit, goal: goal.toLocaleString(tag) })}
      </figcaption>
    </figure>
  );
}
