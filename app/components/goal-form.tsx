"use client";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { setPersonalGoalAction } from "@/lib/actions/goal";

/** The engineer (or their lead) sets a weekly or quarterly points goal; an empty number clears it. */
export function GoalForm(props: {
  engineerId: number;
  period: "week" | "quarter";
  points: number | null;
  text: { label: string; week: string; quarter: string; save: string; saving: string; saved: string; hint: string };
}) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(setPersonalGoalAction, null);
  // Controlled: React resets uncontrolled fields after every submission, even a refused one.
  const [period, setPeriod] = useState(props.period);
  const [points, setPoints] = useState(props.points === null ? "" : String(props.points));
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  const fe = (result && !result.ok && result.fieldErrors) || {};
  const t = props.text;
  return (
    <form action={action} className="row" style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "center" }} data-testid="goal-form">
      <input type="hidden" name="engineerId" value={props.engineerId} />
      <label>
        {t.label}{" "}
        <input name="points" type="number" step="0.5" min="0" value={points} onChange={(e) => setPoints(e.target.value)} placeholder={t.hint} style={{ width: "7rem" }} data-testid="goal-points" aria-invalid={fe.points ? true : undefined} />
      </label>
      <select name="period" value={period} onChange={(e) => setPeriod(e.target.value as "week" | "quarter")} data-testid="goal-period" aria-label={t.label}>
        <option value="week">{t.week}</option>
        <option value="quarter">{t.quarter}</option>
      </select>
      <button type="submit" disabled={pending} data-testid="goal-submit">
        {pending ? t.saving : t.save}
      </button>
      <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="goal-result">
        {result ? (result.ok ? t.saved : [result.error, ...Object.values(fe).flat()].join(" ")) : ""}
      </span>
    </form>
  );
}
