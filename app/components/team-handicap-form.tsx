"use client";
import "./editor.css";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { setTeamHandicapAction } from "@/lib/actions/handicap";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";

type Mode = "rules" | "manual" | "auto";

/** A lead's (own team) or admin's choice: handicap by hand with values, automatic, or as the rule set says. */
/** `tx`: the page's `texts(locale, "hcForm.")`. */
export function TeamHandicapForm(props: { teamId: number; name: string; mode: Mode; csat: number; pointsFactor: number; rulesMode: "manual" | "auto"; tx: Texts<"hcForm."> }) {
  const tx = props.tx;
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(setTeamHandicapAction, null);
  // Controlled: React resets uncontrolled fields after every submission, even a refused one.
  const [mode, setMode] = useState<Mode>(props.mode);
  const [csat, setCsat] = useState(String(props.csat));
  const [factor, setFactor] = useState(String(props.pointsFactor));
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  const fe = (result && !result.ok && result.fieldErrors) || {};
  return (
    <form
      action={action}
      className="row handicap-form"
      style={{ display: "flex", gap: "0.75rem", flexWrap: "wrap", alignItems: "center", marginBottom: "0.5rem" }}
      data-testid="handicap-form"
      data-team-id={props.teamId}
    >
      <input type="hidden" name="teamId" value={props.teamId} />
      <strong style={{ minWidth: "8rem" }}>{props.name}</strong>
      <label>
        {tx.handicap}{" "}
        <select name="mode" value={mode} onChange={(e) => setMode(e.target.value as Mode)} data-testid="handicap-mode">
          <option value="rules">{fill(tx.asRules, { mode: props.rulesMode === "auto" ? tx.automatic : tx.byHandLower })}</option>
          <option value="auto">{tx.auto}</option>
          <option value="manual">{tx.manual}</option>
        </select>
      </label>
      {mode === "manual" && (
        <>
          <label>
            CSAT{" "}
            <input name="csat" type="number" step="0.001" value={csat} onChange={(e) => setCsat(e.target.value)} style={{ width: "6rem" }} data-testid="handicap-csat" aria-invalid={fe.csat ? true : undefined} />
          </label>
          <label>
            {tx.points}{" "}
            <input name="pointsFactor" type="number" step="0.001" value={factor} onChange={(e) => setFactor(e.target.value)} style={{ width: "6rem" }} data-testid="handicap-factor" aria-invalid={fe.pointsFactor ? true : undefined} />
          </label>
        </>
      )}
      <button type="submit" disabled={pending} data-testid="handicap-submit">
        {pending ? tx.saving : tx.save}
      </button>
      <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="handicap-result">
        {result ? (result.ok ? tx.saved : [result.error, ...Object.values(fe).flat()].join(" ")) : ""}
      </span>
    </form>
  );
}
