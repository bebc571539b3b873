"use client";
import "./editor.css";
import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import { resolveDisputeAction } from "@/lib/actions/disputes";

/** The lead's answer to a dispute: accept with an adjustment in points, or reject; a reason either way. */
export function ResolveDisputeForm({ disputeId }: { disputeId: number }) {
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
      <div className="row" role="radiogroup" aria-label="Decision">
        <label>
          <input type="radio" name="decision" value="accept" checked={decision === "accept"} onChange={() => setDecision("accept")} /> Accept
        </label>
        <label>
          <input type="radio" name="decision" value="reject" checked={decision === "reject"} onChange={() => setDecision("reject")} data-testid="resolve-reject" />{" "}
          Reject
        </label>
        {decision === "accept" && (
          <label>
            Adjustment{" "}
            <input
              type="number"
              step="0.1"
              name="adjustment"
              value={adjustment}
              onChange={(e) => setAdjustment(e.target.value)}
              placeholder="e.g. 1"
              data-testid="resolve-adjustment"
              aria-invalid={fe.adjustment ? true : undefined}
            />{" "}
            points
          </label>
        )}
      </div>
      {fe.adjustment && <p className="field-error">{fe.adjustment.join(" ")}</p>}
      <label>
        Reason (the engineer reads it)
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="resolve-reason" aria-invalid={fe.reason ? true : undefined} />
      </label>
      {fe.reason && <p className="field-error">{fe.reason.join(" ")}</p>}
      <div className="row">
        <button type="submit" disabled={pending} data-testid="resolve-submit">
          {pending ? "Saving…" : decision === "accept" ? "Accept" : "Reject"}
        </button>
        <span role="status" className={result && !result.ok ? "error" : "ok"} data-testid="resolve-result">
          {result ? (result.ok ? "Answer saved." : result.error) : ""}
        </span>
      </div>
    </form>
  );
}
