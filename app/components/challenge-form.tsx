"use client";
import "./challenges.css";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { createChallengeAction, updateChallengeAction } from "@/lib/actions/challenges";
import { METRICS, type Metric } from "@/lib/challenges/types";
import type { SuggestionView } from "@/lib/challenges/queries";
import type { Texts } from "@/lib/i18n";
import { fill } from "@/lib/i18n/fill";

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

/** The page passes these texts in its viewer's language (see docs/DECISIONS.md). */
export type ChallengeFormTexts = { form: Texts<"chForm.">; metrics: Texts<"ch.metric."> };

/** Create or edit a challenge. The suggested target and its history come from the server for the chosen team. */
export function ChallengeForm({
  initial,
  teams,
  suggestions,
  text,
}: {
  initial: ChallengeFormValues;
  teams: { id: number | null; name: string }[];
  suggestions: Partial<Record<Metric, SuggestionView>>;
  text: ChallengeFormTexts;
}) {
  const t = text.form;
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
        {t.name}
        <input name="name" value={v.name} onChange={set("name")} data-testid="challenge-name-input" aria-invalid={fe.name ? true : undefined} />
        {err("name")}
      </label>
      <div className="row">
        <label>
          {t.team}
          <select
            name="teamId"
            value={v.teamId}
            data-testid="challenge-team"
            onChange={(e) => {
              setV({ ...v, teamId: e.target.value });
              if (!initial.id) router.replace(`/challenges/new?team=${e.target.value || "all"}&metric=${v.metric}`);
            }}
          >
            {teams.map((team) => (
              <option key={team.id ?? "all"} value={team.id ?? ""}>
                {team.name}
              </option>
            ))}
          </select>
          {err("teamId")}
        </label>
        <label>
          {t.who}
          <select name="scope" value={v.scope} onChange={set("scope")} data-testid="challenge-scope">
            <option value="team">{t.scopeTeam}</option>
            <option value="engineer">{t.scopeEngineer}</option>
          </select>
        </label>
      </div>
      <div className="row">
        <label>
          {t.metric}
          <select name="metric" value={v.metric} onChange={set("metric")} data-testid="challenge-metric">
            {METRICS.map((m) => (
              <option key={m} value={m}>
                {text.metrics[m]}
              </option>
            ))}
          </select>
          {err("metric")}
        </label>
        <label>
          {t.target}
          <input name="target" inputMode="decimal" value={v.target} onChange={set("target")} placeholder={t[`hint.${v.metric}`]} data-testid="challenge-target" aria-invalid={fe.target ? true : undefined} />
          {err("target")}
        </label>
        {ratio ? (
          <label>
            {v.metric === "avg_csat" ? t.minRatings : t.minSolved}
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
            {t.counts}
            <select name="customField" value={v.customField} onChange={set("customField")} data-testid="challenge-custom-field">
              <option value="">{t.choose}</option>
              <option value="priority">{t.priority}</option>
              <option value="ticket_type">{t.ticketType}</option>
              <option value="commented_rating">{t.commented}</option>
            </select>
            {err("customField")}
          </label>
          <label>
            {t.value}
            <input name="customValue" value={v.customValue} onChange={set("customValue")} placeholder="urgent / incident / 5" data-testid="challenge-custom-value" />
            {err("customValue")}
          </label>
        </div>
      )}
      <div className="row">
        <label>
          {t.from}
          <input type="date" name="periodStart" value={v.periodStart} onChange={set("periodStart")} data-testid="challenge-start" />
          {err("periodStart")}
        </label>
        <label>
          {t.to}
          <input type="date" name="periodEnd" value={v.periodEnd} onChange={set("periodEnd")} data-testid="challenge-end" />
          {err("periodEnd")}
        </label>
      </div>
      {v.metric !== "custom" && (
        <div className="suggestion" data-testid="suggestion">
          {sug?.suggestion ? (
            <>
              <p>
                <strong>{fill(t.suggested, { target: sug.suggestion.target })}</strong>
                {sug.suggestion.minCount > 0 ? fill(t.overAtLeast, { n: sug.suggestion.minCount }) : ""}{" "}
                <button
                  type="button"
                  className="button-quiet"
                  data-testid="use-suggestion"
                  onClick={() => {
                  setV({ ...v, target: String(sug.suggestion!.target), minCount: String(sug.suggestion!.minCount) });
                  setEdited(new Set(edited).add("target").add("minCount"));
                }}
                >
                  {t.useIt}
                </button>
              </p>
              <p className="small">{sug.suggestion.explanation}</p>
            </>
          ) : (
            <p className="small">{t.noSuggestion}</p>
          )}
          {sug && (
            <table className="small" data-testid="suggestion-history">
              <thead>
                <tr>
                  <th scope="col">{t.quarter}</th>
                  <th scope="col" className="num">
                    {t.result}
                  </th>
                  <th scope="col" className="num">
                    {v.metric === "points" ? t.ledgerRows : v.metric === "avg_csat" || v.metric === "five_star_count" ? t.ratings : t.solved}
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
          {pending ? t.saving : initial.id ? t.saveChanges : t.create}
        </button>
        <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="challenge-result">
          {result ? (result.ok ? t.saved : result.error) : ""}
        </span>
      </div>
    </form>
  );
}
