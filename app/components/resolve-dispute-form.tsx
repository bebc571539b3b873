"use client";
import "./editor.css";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { resolveDisputeAction } from "@/lib/actions/disputes";
import type { Texts } from "@/lib/i18n";

/** The lead's answer to a dispute: accept with an adjustment in points, or reject; a reason either way. */
/** `tx`: the page's `texts(locale, "resolveForm.")`. */
export function ResolveDisputeForm({ disputeId, tx }: { disputeId: number; tx: Texts<"resolveForm."> }) {
  const [result, action, pending] = useActionState<ActionResult | null, FormData>(resolveDisputeAction, null);
  const [decision, setDecision] = useState<"accept" | "reject">("accept");
  const [adjustment, setAdjustment] = useState("");
  const [reason, setReason] = useState("");
  const router = useRouter();
  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);
  const fe = (result && !result.ok && result.fieldErrors) || {};
  return (
    <form action={action} className="resolve-form" data-testid="resolve-form">
      <input type="hidden" name="disputeId" value={disputeId} />
      <div className="row" role="radiogroup" aria-label={tx.decision}>
        <label>
          <input type="radio" name="decision" value="accept" checked={decision === "accept"} onChange={() => setDecision("accept")} /> {tx.accept}
        </label>
        <label>
          <input type="radio" name="decision" value="reject" checked={decision === "reject"} onChange={() => setDecision("reject")} data-testid="resolve-reject" />{" "}
          {tx.reject}
        </label>
        {decision === "accept" && (
          <label>
            {tx.adjustment}{" "}
            <input
              type="number"
              step="0.1"
              name="adjustment"
              value={adjustment}
              onChange={(e) => setAdjustment(e.target.value)}
              placeholder={tx.example}
              data-testid="resolve-adjustment"
              aria-invalid={fe.adjustment ? true : undefined}
            />{" "}
            {tx.points}
          </label>
        )}
      </div>
      {fe.adjustment && <p className="field-error">{fe.adjustment.join(" ")}</p>}
      <label>
        {tx.reason}
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="resolve-reason" aria-invalid={fe.reason ? true : undefined} />
      </label>
      {fe.reason && <p className="field-error">{fe.reason.join(" ")}</p>}
      <div className="row">
        <button type="submit" disabled={pending} data-testid="resolve-submit">
          {pending ? tx.saving : decision === "accept" ? tx.accept : tx.reject}
        </button>
        <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="resolve-result">
          {result ? (result.ok ? tx.saved : result.error) : ""}
        </span>
      </div>
    </form>
  );
}
