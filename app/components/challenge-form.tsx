"use client";
import "./challenges.css";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { createChallengeAction, updateChallengeAction } from "@/lib/actions/challenges";
import { METRIC_LABELS, METRICS, type Metric } from "@/lib/challenges/types";
import type { SuggestionView } from "@/lib/challenges/queries";

export type ChallengeFormValues = {
  id?: number;
  name: string;
  teamId: string;
  scope: "team" | "engineer";
  metric: Metric;
  target: string;
  minCount: string;
  periodStart: string;
  periodEnd: string;
  customField: string;
  customValue: string;
};

const TARGET_HINT: Record<Metric, string> = {
  avg_csat: "average 1–5, e.g. 4.96",
  five_star_count: "number of five-star ratings, e.g. 80",
  points: "points, e.g. 1200",
  reopen_rate_max: "percent at most, e.g. 5",
  median_resolution_max: "hours at most, e.g. 8",
  custom: "number of matching tickets",
};

/** Create or edit a challenge. The suggested target and its history come from the server for the chosen team. */
export function ChallengeForm({
  initial,
  teams,
  suggestions,
}: {
  initial: ChallengeFormValues;
  teams: { id: number | null; name: string }[];
  suggestions: Partial<Record<Metric, SuggestionView>>;
}) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(initial.id ? updateChallengeAction : createChallengeAction, null);
  const [v, setV] = useState(initial);
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.push(`/challenges/${(result.data as { id: number }).id}`);
  }, [result, router]);
  // A field's message goes away once the field is changed; the next submit brings back what still holds.
  const [edited, setEdited] = useState<Set<string>>(new Set());
  useEffect(() => setEdited(new Set()), [result]);
  const fe = Object.fromEntries(Object.entries((result && !result.ok && result.fieldErrors) || {}).filter(([k]) => !edited.has(k)));
  const set = (k: keyof ChallengeFormValues) => (e: { target: { value: string } }) => {
    setV({ ...v, [k]: e.target.value });
    // A new metric changes what the target means: its old message no longer applies.
    setEdited(k === "metric" ? new Set(edited).add(k).add("target").add("minCount") : new Set(edited).add(k));
  };
  const ratio = v.metric === "avg_csat" || v.metric === "reopen_rate_max" || v.metric === "median_resolution_max";
  const sug = suggestions[v.metric];
  const err = (k: string) => fe[k] && <p className="field-error">{fe[k].join(" ")}</p>;
  return (
    <form action={action} className="challenge-form card" data-testid="challenge-form" noValidate>
      {initial.id && <input type="hidden" name="id" value={initial.id} />}
      <label>
        Name
        <input name="name" value={v.name} onChange={set("name")} data-testid="challenge-name-input" aria-invalid={fe.name ? true : undefined} />
        {err("name")}
      </label>
      <div className="row">
        <label>
          Team
          <select
            name="teamId"
            value={v.teamId}
            data-testid="challenge-team"
            onChange={(e) => {
              setV({ ...v, teamId: e.target.value });
              if (!initial.id) router.replace(`/challenges/new?team=${e.target.value || "all"}&metric=${v.metric}`);
            }}
          >
            {teams.map((t) => (
              <option key={t.id ?? "all"} value={t.id ?? ""}>
                {t.name}
              </option>
            ))}
          </select>
          {err("teamId")}
        </label>
        <label>
          Who
          <select name="scope" value={v.scope} onChange={set("scope")} data-testid="challenge-scope">
            <option value="team">The team together</option>
            <option value="engineer">Each engineer (personal goals)</option>
          </select>
        </label>
      </div>
      <div className="row">
        <label>
          Metric
          <select name="metric" value={v.metric} onChange={set("metric")} data-testid="challenge-metric">
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {METRIC_LABELS[m]}
              </option>
            ))}
          </select>
          {err("metric")}
        </label>
        <label>
          Target
          <input name="target" inputMode="decimal" value={v.target} onChange={set("target")} placeholder={TARGET_HINT[v.metric]} data-testid="challenge-target" aria-invalid={fe.target ? true : undefined} />
          {err("target")}
        </label>
        {ratio ? (
          <label>
            {v.metric === "avg_csat" ? "Over at least (ratings)" : "Over at least (solved tickets)"}
            <input name="minCount" inputMode="numeric" value={v.minCount} onChange={set("minCount")} data-testid="challenge-min" aria-invalid={fe.minCount ? true : undefined} />
            {err("minCount")}
          </label>
        ) : (
          <input type="hidden" name="minCount" value="0" />
        )}
      </div>
      {v.metric === "custom" && (
        <div className="row">
          <label>
            Counts
            <select name="customField" value={v.customField} onChange={set("customField")} data-testid="challenge-custom-field">
              <option value="">Choose…</option>
              <option value="priority">Solved tickets with priority…</option>
              <option value="ticket_type">Solved tickets of type…</option>
              <option value="commented_rating">Ratings with a written comment, at least … stars</option>
            </select>
            {err("customField")}
          </label>
          <label>
            Value
            <input name="customValue" value={v.customValue} onChange={set("customValue")} placeholder="urgent / incident / 5" data-testid="challenge-custom-value" />
            {err("customValue")}
          </label>
        </div>
      )}
      <div className="row">
        <label>
          From
          <input type="date" name="periodStart" value={v.periodStart} onChange={set("periodStart")} data-testid="challenge-start" />
          {err("periodStart")}
        </label>
        <label>
          To (last day)
          <input type="date" name="periodEnd" value={v.periodEnd} onChange={set("periodEnd")} data-testid="challenge-end" />
          {err("periodEnd")}
        </label>
      </div>
      {v.metric !== "custom" && (
        <div className="suggestion" data-testid="suggestion">
          {sug?.suggestion ? (
            <>
              <p>
                <strong>Suggested target: {sug.suggestion.target}</strong>
                {sug.suggestion.minCount > 0 ? ` over at least ${sug.suggestion.minCount}` : ""}{" "}
                <button
                  type="button"
                  className="button-quiet"
                  data-testid="use-suggestion"
                  onClick={() => {
                  setV({ ...v, target: String(sug.suggestion!.target), minCount: String(sug.suggestion!.minCount) });
                  setEdited(new Set(edited).add("target").add("minCount"));
                }}
                >
                  Use it
                </button>
              </p>
              <p className="small">{sug.suggestion.explanation}</p>
            </>
          ) : (
            <p className="small">No past quarter with data for this metric yet, so no suggestion: pick a target the team believes in.</p>
          )}
          {sug && (
            <table className="small" data-testid="suggestion-history">
              <thead>
                <tr>
                  <th scope="col">Quarter</th>
                  <th scope="col" className="num">
                    Result
                  </th>
                  <th scope="col" className="num">
                    {v.metric === "points" ? "Ledger rows" : v.metric === "avg_csat" || v.metric === "five_star_count" ? "Ratings" : "Solved tickets"}
                  </th>
                </tr>
              </thead>
              <tbody>
                {sug.history.map((h) => (
                  <tr key={h.label}>
                    <td>{h.label}</td>
                    <td className="num">{h.value ?? "—"}</td>
                    <td className="num">{h.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
      <div className="row">
        <button type="submit" disabled={pending} data-testid="challenge-submit">
          {pending ? "Saving…" : initial.id ? "Save changes" : "Create challenge"}
        </button>
        <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="challenge-result">
          {result ? (result.ok ? "Saved." : result.error) : ""}
        </span>
      </div>
    </form>
  );
}
